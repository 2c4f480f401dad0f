package com.cloudmusic.publish.store;

import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.aws.Attr;
import com.cloudmusic.aws.TableLayout;
import com.cloudmusic.publish.daily.SharedTracks;
import com.cloudmusic.quota.UtcDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the by-day index ({@code dayPk = shared#<yyyy-mm-dd>}, {@code daySk = <readyAt>#<id>}) that
 * only ready, opted-in jobs enter, one UTC day partition at a time.
 */
public final class DynamoSharedTracks implements SharedTracks {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSharedTracks(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    @Override
    public List<Entry> readyBetween(Instant after, Instant until) {
        List<Entry> entries = new ArrayList<>();
        // Instant.toString drops zero fractions, so compare from the whole second before and filter exactly below.
        String from = after.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
        for (LocalDate day = LocalDate.ofInstant(after, ZoneOffset.UTC);
                !day.isAfter(LocalDate.ofInstant(until, ZoneOffset.UTC)); day = day.plusDays(1)) {
            String dayPk = "shared#" + day;
            dynamo.queryPaginator(q -> q.tableName(table).indexName(TableLayout.DAY_INDEX)
                            .keyConditionExpression("dayPk = :day AND daySk > :from")
                            .expressionAttributeValues(Map.of(":day", s(dayPk), ":from", s(from)))
                            .projectionExpression("id, daySk"))
                    .items().forEach(item -> entry(item).filter(e -> e.readyAt().isAfter(after)
                            && !e.readyAt().isAfter(until)).ifPresent(entries::add));
        }
        entries.sort(Comparator.comparing(Entry::readyAt).thenComparing(Entry::trackId));
        return entries;
    }

    private static java.util.Optional<Entry> entry(Map<String, AttributeValue> item) {
        String daySk = Attr.string(item, TableLayout.DAY_SK);
        String id = Attr.string(item, "id");
        int hash = daySk == null ? -1 : daySk.indexOf('#');
        if (id == null || hash < 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new Entry(id, Instant.parse(daySk.substring(0, hash))));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The index partition of a day, for tests and tools. */
    static String partition(Instant instant) {
        return "shared#" + UtcDay.of(instant);
    }
}
