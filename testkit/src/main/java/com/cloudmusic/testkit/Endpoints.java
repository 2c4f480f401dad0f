package com.cloudmusic.testkit;

import java.net.URI;

/** Where each emulated AWS service answers. */
public interface Endpoints {
    URI dynamoDb();

    URI sqs();

    URI s3();
}
