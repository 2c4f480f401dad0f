package com.cloudmusic.local;

import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.SqsJobQueue;
import java.util.List;

/**
 * ElasticMQ keeps its queues in memory, so messages of jobs still queued or generating when the runner
 * stopped are gone at the next start while the jobs themselves persist in DynamoDB. Sending each such
 * job to the queue again resumes it; generation is idempotent, so a job that had in fact finished is
 * left as it is. The job store and the queue are the functions' own adapters.
 */
final class JobRecovery {

    private JobRecovery() {
    }

    /** @return how many jobs were sent to the queue again */
    static int requeueUnfinished(DynamoJobStore jobs, SqsJobQueue queue) {
        List<String> unfinished = jobs.unfinishedJobIds();
        unfinished.forEach(queue::send);
        return unfinished.size();
    }
}
