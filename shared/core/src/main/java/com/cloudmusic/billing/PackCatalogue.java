package com.cloudmusic.billing;

import com.cloudmusic.config.ConfigException;
import com.cloudmusic.errors.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The packs on sale, server-side: the default {@code credits-40} (40 credits for USD 4.00) plus any
 * given by {@code CREDIT_PACKS}. Its compact format is a semicolon-separated list of
 * {@code id:credits:amount:currency[:label]}, amount in minor units, e.g.
 * {@code credits-100:100:900:usd:100 credits;credits-250:250:2000:usd}. A pack with the id of the
 * default replaces it. The number of credits a purchase grants always comes from here.
 */
public final class PackCatalogue {

    public static final String CREDIT_PACKS = "CREDIT_PACKS";
    public static final Pack DEFAULT_PACK = new Pack("credits-40", 40, 400, "usd", "40 credits");

    private static final String ID_SHAPE = "[a-z0-9][a-z0-9-]{0,39}";
    private final Map<String, Pack> packs;
    private final List<String> order;

    public PackCatalogue(List<Pack> packs) {
        Map<String, Pack> byId = new LinkedHashMap<>();
        for (Pack pack : packs) {
            byId.put(pack.id(), pack);
        }
        this.packs = Map.copyOf(byId);
        this.order = List.copyOf(byId.keySet());
    }

    public static PackCatalogue defaults() {
        return new PackCatalogue(List.of(DEFAULT_PACK));
    }

    /** The default pack plus the packs of {@code CREDIT_PACKS} (empty or absent: the default alone). */
    public static PackCatalogue parse(Optional<String> spec) {
        List<Pack> packs = new ArrayList<>(List.of(DEFAULT_PACK));
        if (spec.isEmpty() || spec.get().isBlank()) {
            return new PackCatalogue(packs);
        }
        for (String entry : spec.get().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            Pack pack = parseEntry(entry.trim());
            packs.removeIf(existing -> existing.id().equals(pack.id()));
            packs.add(pack);
        }
        return new PackCatalogue(packs);
    }

    private static Pack parseEntry(String entry) {
        String[] parts = entry.split(":", 5);
        if (parts.length < 4) {
            throw invalid(entry, "expected id:credits:amount:currency[:label]");
        }
        String id = parts[0].trim();
        if (!id.matches(ID_SHAPE)) {
            throw invalid(entry, "the id must be lower-case letters, digits and dashes (at most 40)");
        }
        long credits = number(entry, parts[1], "credits", 1, 100_000);
        long amount = number(entry, parts[2], "amount", 1, 100_000_000);
        String currency = parts[3].trim().toLowerCase(Locale.ROOT);
        if (!currency.matches("[a-z]{3}")) {
            throw invalid(entry, "the currency must be a three-letter ISO code such as usd");
        }
        String label = parts.length == 5 && !parts[4].isBlank() ? parts[4].trim() : credits + " credits";
        if (label.length() > 80) {
            throw invalid(entry, "the label must be at most 80 characters");
        }
        return new Pack(id, credits, amount, currency, label);
    }

    private static long number(String entry, String raw, String what, long min, long max) {
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > max) {
                throw invalid(entry, what + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(entry, what + " must be a whole number");
        }
    }

    private static ConfigException invalid(String entry, String why) {
        return new ConfigException(CREDIT_PACKS + " has a malformed pack '" + entry + "': " + why);
    }

    public List<Pack> all() {
        return order.stream().map(packs::get).toList();
    }

    public Optional<Pack> find(String id) {
        return Optional.ofNullable(id == null ? null : packs.get(id));
    }

    /** The pack a client asked for, or a 400 naming the {@code pack} field. */
    public Pack require(String id) {
        return find(id).orElseThrow(() -> DomainException.invalid("Unknown pack '" + id + "'. Packs on sale: "
                + String.join(", ", order) + ".", "pack"));
    }
}
