package com.cloudmusic.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** EventBridge schedule expressions, evaluated in UTC. */
class ScheduleExpressionTest {

    private static final Instant START = Instant.parse("2026-11-24T12:34:56Z"); // a Tuesday

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression).nextAfter(Instant.parse(after), START);
    }

    @Test
    void dailyCron_firesAtTheNextTenOClockUtc() {
        assertThat(next("cron(0 10 * * ? *)", "2026-11-24T12:34:56Z")).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(next("cron(0 10 * * ? *)", "2026-11-24T09:59:59Z")).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(next("cron(0 10 * * ? *)", "2026-11-24T10:00:00Z")).isEqualTo("2026-11-25T10:00:00Z");
    }

    @Test
    void cron_supportsListsRangesStepsAndDayNames() {
        // Weekdays (MON-FRI) at 8:15 and 17:15: from Friday evening the next is Monday morning.
        assertThat(next("cron(15 8,17 ? * MON-FRI *)", "2026-11-27T18:00:00Z")).isEqualTo("2026-11-30T08:15:00Z");
        assertThat(next("cron(0/20 * * * ? *)", "2026-11-24T12:41:00Z")).isEqualTo("2026-11-24T13:00:00Z");
        // EventBridge numbers Sunday as 1.
        assertThat(next("cron(0 12 ? * 1 *)", "2026-11-24T00:00:00Z")).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(next("cron(0 0 1 JAN ? 2027-2028)", "2026-11-24T00:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void cron_inAPastYear_neverFiresAgain() {
        assertThat(next("cron(0 0 1 1 ? 2020)", "2026-11-24T00:00:00Z")).isNull();
    }

    @Test
    void rate_firesEveryPeriodFromTheStart() {
        assertThat(next("rate(5 minutes)", "2026-11-24T12:34:56Z")).isEqualTo("2026-11-24T12:39:56Z");
        assertThat(next("rate(5 minutes)", "2026-11-24T12:40:00Z")).isEqualTo("2026-11-24T12:44:56Z");
        assertThat(next("rate(1 day)", "2026-11-24T12:34:56Z")).isEqualTo("2026-11-25T12:34:56Z");
    }

    @Test
    void parse_rejectsWhatEventBridgeRejects() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * *)")).hasMessageContaining("six fields");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 1 * MON *)")).hasMessageContaining("'?'");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 25 * * ? *)")).hasMessageContaining("hours");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)")).hasMessageContaining("rate(1 minute)");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 L * ? *)")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ScheduleExpression.parse("at(2026-11-24T10:00:00)")).hasMessageContaining("not an EventBridge");
    }
}
