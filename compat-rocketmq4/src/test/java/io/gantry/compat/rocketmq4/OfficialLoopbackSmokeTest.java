package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.Version;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official 4.9.8 remoting server and client, built against Netty 4.1, running on the Netty
 * this build pins (4.2.x): one request/response over loopback per serialize type. If a Netty
 * upgrade ever breaks the official remoting at runtime, this test is where it shows.
 *
 * <p>One server and client pair serves all tests of the class: the official shutdown waits out
 * Netty's graceful quiet period, which is seconds per pair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialLoopbackSmokeTest {

    private static final long TIMEOUT_MS = 10_000;

    private ExecutorService processorThread;
    private NettyRemotingServer server;
    private NettyRemotingClient client;

    @BeforeAll
    void start() {
        processorThread = Executors.newSingleThreadExecutor();
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setListenPort(0);
        server = new NettyRemotingServer(serverConfig);
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, new EchoTopicProcessor(), processorThread);
        server.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        client.shutdown();
        server.shutdown();
        processorThread.shutdownNow();
        assertThat(processorThread.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void runsOnTheNettyThisBuildPins() {
        assertThat(Version.identify()).containsKey("netty-transport");
        assertThat(Version.identify().get("netty-transport").artifactVersion()).startsWith("4.2.");
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void officialClientGetsAnAnswerFromOfficialServer(SerializeType type) throws Exception {
        GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
        header.setTopic("LoopbackTopic");
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
        request.setSerializeTypeCurrentRPC(type);

        RemotingCommand response =
                client.invokeSync("127.0.0.1:" + server.localListenPort(), request, TIMEOUT_MS);

        assertThat(response.isResponseType()).isTrue();
        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(response.getSerializeTypeCurrentRPC()).as("answers in the request's type").isEqualTo(type);
        assertThat(response.getRemark()).isEqualTo("route for LoopbackTopic");
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("LoopbackTopic");
    }

    /** Answers with the topic it was asked about, so the test sees the header crossed the wire. */
    private static final class EchoTopicProcessor implements NettyRequestProcessor {
        @Override
        public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request) throws Exception {
            GetRouteInfoRequestHeader header =
                    (GetRouteInfoRequestHeader) request.decodeCommandCustomHeader(GetRouteInfoRequestHeader.class);
            RemotingCommand response =
                    RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "route for " + header.getTopic());
            response.setBody(header.getTopic().getBytes(StandardCharsets.UTF_8));
            return response;
        }

        @Override
        public boolean rejectRequest() {
            return false;
        }
    }
}
