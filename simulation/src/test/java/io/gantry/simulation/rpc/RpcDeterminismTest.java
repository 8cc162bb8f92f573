package io.gantry.simulation.rpc;

import static io.gantry.simulation.rpc.SimRpc.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcException;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.TraceHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A small RPC workload under partitions and resets is a function of the seed. */
class RpcDeterminismTest {

    private static final String ADDRESS = "server:10911";
    private static final List<String> CLIENTS = List.of("client-0", "client-1", "client-2");
    private static final int REQUESTS_PER_CLIENT = 150;

    private static final int OUTCOME_RESPONSE = 1;
    private static final int OUTCOME_DEFINITE = 2;
    private static final int OUTCOME_INDETERMINATE = 3;

    @Test
    void sameSeedGivesTheSameTraceAndAnotherSeedADifferentOne() {
        Outcome first = run(2026);
        Outcome second = run(2026);
        Outcome other = run(2027);

        assertThat(first.completed()).isEqualTo(CLIENTS.size() * REQUESTS_PER_CLIENT);
        assertThat(first.responses()).isPositive();
        assertThat(first.failures()).as("the nemesis should cause some failures").isPositive();
        assertThat(second).isEqualTo(first);
        assertThat(other.worldTrace()).isNotEqualTo(first.worldTrace());
        assertThat(other.outcomeTrace()).isNotEqualTo(first.outcomeTrace());
    }

    private record Outcome(long worldTrace, long outcomeTrace, int completed, int responses, int failures) {
    }

    private static Outcome run(long seed) {
        SimWorld world = new SimWorld(SimConfig.defaults(seed).withResetAfterMs(400));
        TraceHash outcomes = new TraceHash();
        int[] counts = new int[3]; // completed, responses, failures

        SimNode serverNode = world.addNode("server");
        NodeContext serverContext = serverNode.context();
        serverContext.scheduler().execute(() -> startServer(serverContext));
        for (int c = 0; c < CLIENTS.size(); c++) {
            int clientIndex = c;
            NodeContext context = world.addNode(CLIENTS.get(c)).context();
            context.scheduler().execute(() -> {
                RpcClient client = new RpcClient(context, RpcConfig.defaults());
                sendNext(context, client, clientIndex, 0, outcomes, counts);
            });
        }

        RandomGenerator nemesis = world.random();
        for (int step = 0; step < 40 && counts[0] < CLIENTS.size() * REQUESTS_PER_CLIENT; step++) {
            world.runFor(100);
            String victim = CLIENTS.get(nemesis.nextInt(CLIENTS.size()));
            switch (nemesis.nextInt(4)) {
                case 0 -> world.network().partition(Set.of(victim), Set.of("server"));
                case 1 -> world.network().heal();
                case 2 -> world.network().resetBetween(victim, "server");
                default -> { }
            }
        }
        world.network().heal();
        world.runUntil(() -> counts[0] == CLIENTS.size() * REQUESTS_PER_CLIENT, 60_000);
        return new Outcome(world.traceHash(), outcomes.value(), counts[0], counts[1], counts[2]);
    }

    private static void startServer(NodeContext context) {
        RpcServer server = new RpcServer(context, RpcConfig.defaults());
        server.processors().register(ECHO, (channel, request) -> {
            // Answer after a seeded delay, sometimes longer than the client waits.
            CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
            context.scheduler().schedule(context.random().nextInt(60), () -> response.complete(
                    RemotingCommand.response(ResponseCode.SUCCESS).extField("echo", request.extField("v")).build()));
            return response;
        });
        try {
            server.start(ADDRESS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sendNext(NodeContext context, RpcClient client, int clientIndex, int requestIndex,
            TraceHash outcomes, int[] counts) {
        if (requestIndex == REQUESTS_PER_CLIENT) {
            return;
        }
        String value = clientIndex + "/" + requestIndex;
        client.invoke(ADDRESS, SimRpc.echoRequest(value), 50).whenComplete((response, failure) -> {
            counts[0]++;
            long nowMs = context.clock().monotonicMs();
            if (failure == null) {
                counts[1]++;
                assertThat(response.extField("echo")).isEqualTo(value);
                outcomes.record(OUTCOME_RESPONSE, clientIndex, requestIndex, nowMs);
            } else {
                counts[2]++;
                RpcException rpc = RpcException.find(failure);
                assertThat(rpc).isNotNull();
                outcomes.record(rpc.isDefinite() ? OUTCOME_DEFINITE : OUTCOME_INDETERMINATE, clientIndex, requestIndex, nowMs,
                        TraceHash.hashOf(rpc.getClass().getSimpleName()));
            }
        });
        context.scheduler().schedule(context.random().nextInt(20), () ->
                sendNext(context, client, clientIndex, requestIndex + 1, outcomes, counts));
    }
}
