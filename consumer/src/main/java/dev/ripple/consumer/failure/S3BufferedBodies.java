package dev.ripple.consumer.failure;

import dev.ripple.domain.client.BufferedBodiesOnTheClient;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The failure destination's {@code S3Client}, its request bodies buffered: a failure document is small, written again
 * under the same key by the SDK's retries anyway. Streamed, S3's {@code PutObject} also waits for S3's
 * {@code 100 Continue} before sending the document, and an attempt timeout that ends that wait left
 * url-connection-client with an exception the SDK neither retries nor reports as a timeout (fixed in later SDKs,
 * aws-sdk-java-v2#7347); buffered, the JDK sends the document with its head and waits only for the answer.
 */
@Singleton
class S3BufferedBodies extends BufferedBodiesOnTheClient<S3ClientBuilder> {
    S3BufferedBodies(SdkHttpClient httpClient) {
        super(httpClient);
    }
}
