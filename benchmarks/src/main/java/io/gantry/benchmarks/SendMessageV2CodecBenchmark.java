package io.gantry.benchmarks;

import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.SerializeType;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode of a SEND_MESSAGE_V2 request with a 1 KiB body, as a producer sends it and a
 * broker reads it: typed header to extFields to frame bytes, and frame bytes to command to typed
 * header. One benchmark per direction plus the round trip, for each header serialize type.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendMessageV2CodecBenchmark {

    static final int BODY_BYTES = 1024;

    @Param({"JSON", "ROCKETMQ"})
    public SerializeType serializeType;

    private SendMessageRequestHeaderV2 header;
    private byte[] body;
    private ByteBuffer frame;

    @Setup
    public void setUp() {
        body = new byte[BODY_BYTES];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageConst.PROPERTY_KEYS, "order-20261122-000042");
        properties.put(MessageConst.PROPERTY_TAGS, "TagA");
        properties.put(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "7F00000100002A9F0000000000000001");
        properties.put(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true");
        header = new SendMessageRequestHeader("ProducerGroupBench", "TopicBench", "TBW102", 4, 3, 0,
                1_763_790_000_000L, 0, MessageProperties.encode(properties), 0, false, null, false, "broker-a").toV2();
        frame = encode();
    }

    @Benchmark
    public ByteBuffer encode() {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .serializeType(serializeType)
                .opaque(42)
                .header(header)
                .body(body)
                .build();
        return RemotingCodec.encode(request);
    }

    @Benchmark
    public SendMessageRequestHeader decode() {
        RemotingCommand request = RemotingCodec.decode(frame);
        return request.decodeHeader(SendMessageRequestHeaderV2.class).toV1();
    }

    @Benchmark
    public SendMessageRequestHeader encodeAndDecode() {
        RemotingCommand request = RemotingCodec.decode(encode());
        return request.decodeHeader(SendMessageRequestHeaderV2.class).toV1();
    }
}
