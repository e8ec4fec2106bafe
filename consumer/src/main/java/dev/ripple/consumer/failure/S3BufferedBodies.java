package dev.ripple.consumer.failure;

import dev.ripple.domain.client.BufferedBodiesOnTheClient;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The failure destination's {@code S3Client}, its request bodies buffered: a failure document is small, written again
 * under the same key by the SDK's retries anyway. Streamed, S3's {@code PutObject} also waits for S3's
 * {@code 100 Continue} before sending the document — a round trip more — and with url-connection-client before SDK
 * 2.59 an attempt timeout that ended that wait left an exception the SDK neither retried nor reported as a timeout
 * (aws-sdk-java-v2#7347); buffered, the JDK sends the document with its head and waits only for the answer.
 */
@Singleton
class S3BufferedBodies extends BufferedBodiesOnTheClient<S3ClientBuilder> {
    S3BufferedBodies(SdkHttpClient httpClient) {
        super(httpClient);
    }
}
