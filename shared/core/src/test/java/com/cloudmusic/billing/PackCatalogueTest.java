package com.cloudmusic.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.config.ConfigException;
import com.cloudmusic.errors.DomainException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackCatalogueTest {

    @Test
    void defaults_sellFortyCreditsForFourDollars() {
        assertThat(PackCatalogue.parse(Optional.empty()).all())
                .containsExactly(new Pack("credits-40", 40, 400, "usd", "40 credits"));
    }

    @Test
    void parse_addsConfiguredPacksAfterTheDefault() {
        PackCatalogue catalogue = PackCatalogue.parse(Optional.of("credits-100:100:900:usd:100 credits; credits-250:250:2000:EUR"));

        assertThat(catalogue.all()).extracting(Pack::id).containsExactly("credits-40", "credits-100", "credits-250");
        assertThat(catalogue.require("credits-250")).isEqualTo(new Pack("credits-250", 250, 2000, "eur", "250 credits"));
    }

    @Test
    void parse_replacesTheDefault_whenItsIdIsConfigured() {
        PackCatalogue catalogue = PackCatalogue.parse(Optional.of("credits-40:40:500:usd:40 credits"));

        assertThat(catalogue.all()).containsExactly(new Pack("credits-40", 40, 500, "usd", "40 credits"));
    }

    @Test
    void parse_failsNamingTheVariable_forAMalformedPack() {
        assertThatThrownBy(() -> PackCatalogue.parse(Optional.of("credits-x:lots:400:usd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CREDIT_PACKS").hasMessageContaining("credits");
        assertThatThrownBy(() -> PackCatalogue.parse(Optional.of("credits-1:1:100:dollars")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> PackCatalogue.parse(Optional.of("Credits 1:1:100:usd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> PackCatalogue.parse(Optional.of("credits-1:0:100:usd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("between");
    }

    @Test
    void require_rejectsAnUnknownPack_namingTheField() {
        assertThatThrownBy(() -> PackCatalogue.defaults().require("credits-9999"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.field()).isEqualTo("pack");
                    assertThat(e.getMessage()).contains("credits-40");
                });
    }
}
