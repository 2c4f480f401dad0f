package com.cloudmusic.emulators;

import java.net.URI;

/** Where each emulated AWS service answers. */
public interface Endpoints {
    URI dynamoDb();

    URI sqs();

    URI s3();
}
