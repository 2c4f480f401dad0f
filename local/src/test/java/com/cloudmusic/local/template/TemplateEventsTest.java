package com.cloudmusic.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.emulators.SamTemplate;
import com.cloudmusic.http.RouteTemplate;
import org.junit.jupiter.api.Test;

/** The runner's wiring comes from template.yaml itself. */
class TemplateEventsTest {

    private final TemplateEvents events = new TemplateEvents(SamTemplate.load(), "test");

    @Test
    void httpRoutes_mapEachTemplateRouteToItsHandler() {
        assertThat(events.httpRoutes()).contains(
                new TemplateEvents.HttpRoute("RequestFunction", "com.cloudmusic.request.RequestFunction",
                        RouteTemplate.parse("POST /v1/tracks")),
                new TemplateEvents.HttpRoute("RequestFunction", "com.cloudmusic.request.RequestFunction",
                        RouteTemplate.parse("GET /v1/tracks/{id}/audio")),
                new TemplateEvents.HttpRoute("StripeWebhookFunction", "com.cloudmusic.stripe.StripeWebhookFunction",
                        RouteTemplate.parse("POST /v1/stripe/webhook")));
    }

    @Test
    void queueSources_carryTheTemplateBatchSizes_andTheRedriveTarget() {
        assertThat(events.queueSources()).containsExactlyInAnyOrder(
                new TemplateEvents.QueueSource("GenerateFunction", "com.cloudmusic.generate.GenerateFunction",
                        "JobsQueue", 1, true),
                new TemplateEvents.QueueSource("GenerateFunction", "com.cloudmusic.generate.GenerateFunction",
                        "JobsDeadLetterQueue", 10, true));
        assertThat(events.deadLetterQueueOf("JobsQueue")).hasValue("JobsDeadLetterQueue");
        assertThat(events.deadLetterQueueOf("JobsDeadLetterQueue")).isEmpty();
    }

    @Test
    void schedules_areTheReconcilersRateAndThePublishParameterDefault() {
        assertThat(events.schedules()).containsExactlyInAnyOrder(
                new TemplateEvents.ScheduleSource("ReconcileFunction", "com.cloudmusic.generate.ReconcileFunction",
                        "Every5Minutes", "rate(5 minutes)"),
                new TemplateEvents.ScheduleSource("PublishFunction", "com.cloudmusic.publish.PublishFunction", "Daily",
                        "cron(0 10 * * ? *)"));
    }

    @Test
    void packagedCopy_matchesTheRepositoryTemplate() {
        TemplateEvents packaged = TemplateEvents.packaged();

        assertThat(packaged.httpRoutes()).isEqualTo(events.httpRoutes());
        assertThat(packaged.queueSources()).isEqualTo(events.queueSources());
        assertThat(packaged.schedules()).isEqualTo(events.schedules());
    }
}
