package com.cloudmusic.tracks;

/** The queue the generate function consumes: one message {"jobId": "..."} per job. */
public interface JobQueue {

    /** @throws RuntimeException when the message could not be sent */
    void send(String jobId);
}
