package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.testkit.AwsStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SnapStart priming hook exercises the request path against DynamoDB but writes nothing. */
@ExtendWith(AwsEmulatorsExtension.class)
class SnapStartPrimingIT {

    @Test
    void beforeCheckpoint_readsOnly_andLeavesTheFunctionWorking(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack);

        api.function.beforeCheckpoint(null);

        assertThat(api.allItems()).isEmpty();
        assertThat(api.log.lines()).noneMatch(line -> line.contains("priming failed"));
        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
    }
}
