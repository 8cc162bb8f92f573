package io.gantry.protocol.body;

/** CHECK_CLIENT_CONFIG request body: a consumer's (SQL92) subscription to validate. */
public record CheckClientRequestBody(String clientId, String group, SubscriptionData subscriptionData) {
}
