package io.gantry.simulation.ha;

import io.gantry.broker.Broker;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimWorld;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A producer node sending over raw remoting to the master of a {@link HaCluster}, and read helpers. */
final class HaSimSupport {
    static final String TOPIC = "Orders";

    /** One send and its answer (null while unanswered). */
    static final class Sent {
        final String body;
        final CompletableFuture<RemotingCommand> response;
        Sent(String body, CompletableFuture<RemotingCommand> response) {
            this.body = body;
            this.response = response;
        }

        @Override
        public String toString() {
            if (!response.isDone()) {
                return body + ": unanswered";
            }
            return body + ": " + response.handle((r, e) -> e != null ? e.toString() : r.code() + " " + r.remark()).join();
        }

        boolean answered(int code) {
            return response.isDone() && !response.isCompletedExceptionally() && response.join().code() == code;
        }

        int queueId() {
            return Integer.parseInt(response.join().extField("queueId"));
        }

        long queueOffset() {
            return Long.parseLong(response.join().extField("queueOffset"));
        }

        /** The commit-log offset encoded in the offsetMsgId (last 16 hex digits). */
        long physicalOffset() {
            String id = response.join().extField("msgId");
            return Long.parseUnsignedLong(id.substring(id.length() - 16), 16);
        }
    }

    final SimWorld world;
    final HaCluster cluster;
    final NodeContext producer;
    final RpcClient rpc;
    final List<Sent> sent = new ArrayList<>();
    private int next;

    HaSimSupport(HaCluster cluster) {
        this.cluster = cluster;
        this.world = cluster.world();
        this.producer = world.addNode("producer").context();
        RpcClient[] holder = new RpcClient[1];
        producer.scheduler().execute(() -> holder[0] = new RpcClient(producer, RpcConfig.defaults()));
        world.runUntil(() -> holder[0] != null, 100);
        this.rpc = holder[0];
    }

    /** Issues a send with WAIT=true to the current master; does not run the world. */
    Sent send(int queueId) {
        String body = "m-" + (next++);
        String master = cluster.master().address();
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG", TOPIC, "TBW102", 4, queueId, 0,
                1L, 0,
                MessageProperties.encode(Map.of(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true")), 0, false, null,
                false, "broker-a");
        CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
        producer.scheduler().execute(() -> rpc.invoke(master, RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                        .header(SendMessageRequestHeaderV2.fromV1(header))
                        .body(body.getBytes(StandardCharsets.UTF_8)).build(), 30_000)
                .whenComplete((r, e) -> {
                    if (e != null) {
                        response.completeExceptionally(e);
                    } else {
                        response.complete(r);
                    }
                }));
        Sent s = new Sent(body, response);
        sent.add(s);
        return s;
    }

    /** Sends {@code count} messages one after another (each after the previous answer), with the world running. */
    List<Sent> sendSequentially(int count, long maxVirtualMsEach) {
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sent s = send(i % 4);
            world.runUntil(s.response::isDone, maxVirtualMsEach);
            out.add(s);
        }
        return out;
    }

    /** Runs {@code read} on {@code broker}'s loop and returns its value. */
    <T> T onLoop(NodeContext context, Supplier<T> read) {
        List<T> box = new ArrayList<>();
        context.scheduler().execute(() -> box.add(read.get()));
        world.runUntil(() -> !box.isEmpty(), 1_000);
        if (box.isEmpty()) {
            throw new AssertionError("loop of " + context.nodeId() + " did not run the read");
        }
        return box.get(0);
    }

    /** The body of the message at (queue, offset) in {@code store}, through its consume queue; null if absent. */
    static String bodyAt(MessageStore store, int queueId, long queueOffset) {
        GetMessageResult r = store.getMessage(TOPIC, queueId, queueOffset, 1, 1 << 20, MessageFilter.ALL);
        if (r.status() != GetMessageStatus.FOUND) {
            return null;
        }
        ByteBuffer b = r.messages().get(0);
        MessageRecord m = MessageRecordCodec.decode(b.duplicate(), true);
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    String bodyOnSlave(Sent s) {
        Broker slave = cluster.slave();
        return onLoop(cluster.slaveNode().context(), () -> bodyAt(slave.store(), s.queueId(), s.queueOffset()));
    }
}
