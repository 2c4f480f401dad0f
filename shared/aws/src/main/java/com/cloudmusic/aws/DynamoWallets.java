package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.billing.WalletStore;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Wallet items ({@code wallet#<hash>}/{@code wallet}); the quota ledger spends their {@code credits}. */
public final class DynamoWallets implements WalletStore {

    static final String ROW = "wallet";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWallets(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    @Override
    public void create(String walletHash, Instant now, Instant expiresAt) {
        try {
            dynamo.putItem(p -> p.tableName(table)
                    .item(Map.of(TableLayout.PK, s(TableLayout.walletKey(walletHash)), TableLayout.SK, s(ROW),
                            "credits", n(0), "createdAt", s(now.toString()),
                            TableLayout.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // never overwrite a wallet's credits
        }
    }

    @Override
    public boolean exists(String walletHash) {
        var item = dynamo.getItem(g -> g.tableName(table).key(Attr.key(TableLayout.walletKey(walletHash), ROW))
                .projectionExpression("pk").consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }
}
