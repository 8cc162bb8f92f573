package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.consumer.PullApi;
import io.gantry.client.consumer.PullResult;
import io.gantry.client.consumer.PullStatus;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.header.PullMessageRequestHeader;
import io.gantry.protocol.header.PullMessageResponseHeader;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RequestProcessor;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * LITE_PULL_MESSAGE (361): the lite pull consumer asks with 361 as RocketMQ 5.x does (Gantry's
 * broker and 5.x brokers take it as an alias of 11); a 4.x broker answers
 * REQUEST_CODE_NOT_SUPPORTED, and the client then asks that broker with PULL_MESSAGE (11). A push
 * pull (no LITE bit) always uses 11. Brokers here are stubs over the real RPC seams that record
 * what they were asked.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LitePullRequestCodeE2ETest {

    private static final MessageQueue QUEUE = new MessageQueue("T", "b", 0);
    private static final SubscriptionData ALL = SubscriptionData.ofTags("T", "*", 0);
    private static final int LITE_FLAGS = PullSysFlag.SUSPEND | PullSysFlag.SUBSCRIPTION | PullSysFlag.LITE_PULL_MESSAGE;

    @TempDir
    Path dir;

    private ProductionRuntime brokerRuntime;
    private ProductionRuntime clientRuntime;
    private RpcServer server;
    private PullApi pullApi;
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        brokerRuntime = ProductionRuntime.create("stub", dir.resolve("stub"));
        clientRuntime = ProductionRuntime.create("client", dir.resolve("client"));
        NodeContext client = clientRuntime.context();
        pullApi = OnLoop.call(client, () -> new PullApi(new ClientRpc(new RpcClient(client, RpcConfig.defaults()))));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            OnLoop.call(brokerRuntime.context(), () -> {
                server.close();
                return null;
            });
        }
        clientRuntime.close();
        brokerRuntime.close();
    }

    /** Starts a stub answering 11 always and 361 only when {@code knowsLitePull} (else with code 3, as 4.x). */
    private String stub(boolean knowsLitePull) {
        NodeContext context = brokerRuntime.context();
        return OnLoop.call(context, () -> {
            server = new RpcServer(context, RpcConfig.defaults());
            server.processors().register(RequestCode.PULL_MESSAGE, recording(true));
            server.processors().register(RequestCode.LITE_PULL_MESSAGE, recording(knowsLitePull));
            return server.start("127.0.0.1:0");
        });
    }

    private RequestProcessor recording(boolean known) {
        return (channel, request) -> {
            PullMessageRequestHeader header = request.decodeHeader(PullMessageRequestHeader.class);
            asked.add(request.code() + (header.maxMsgBytes() == null ? "" : "/maxMsgBytes=" + header.maxMsgBytes()));
            if (!known) {
                return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED)
                        .remark("request type " + request.code() + " not supported").build());
            }
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.PULL_NOT_FOUND)
                    .header(new PullMessageResponseHeader(0L, header.queueOffset(), 0L, header.queueOffset(), null, null,
                            null, null)).build());
        };
    }

    private PullResult pull(String address, int sysFlag) {
        return OnLoop.await(OnLoop.call(clientRuntime.context(),
                () -> pullApi.pull(address, "G", QUEUE, 5, 10, sysFlag, 0, ALL, 0, 3_000)));
    }

    @Test
    void aLitePullUses361WithUnboundedBytesWhereTheBrokerKnowsIt() {
        String address = stub(true);
        assertThat(pull(address, LITE_FLAGS).status()).isEqualTo(PullStatus.NO_NEW_MSG);
        assertThat(pull(address, LITE_FLAGS).nextBeginOffset()).isEqualTo(5);
        assertThat(asked).containsExactly("361/maxMsgBytes=" + Integer.MAX_VALUE, "361/maxMsgBytes=" + Integer.MAX_VALUE);
    }

    @Test
    void aBrokerWithout361IsAskedAgainWith11AndRemembered() {
        String address = stub(false);
        assertThat(pull(address, LITE_FLAGS).status()).isEqualTo(PullStatus.NO_NEW_MSG);
        assertThat(pull(address, LITE_FLAGS).status()).isEqualTo(PullStatus.NO_NEW_MSG);
        assertThat(asked).containsExactly("361/maxMsgBytes=" + Integer.MAX_VALUE, "11", "11");
    }

    @Test
    void aPushPullAlwaysUses11() {
        String address = stub(true);
        pull(address, PullSysFlag.SUSPEND);
        assertThat(asked).containsExactly("11");
    }
}
