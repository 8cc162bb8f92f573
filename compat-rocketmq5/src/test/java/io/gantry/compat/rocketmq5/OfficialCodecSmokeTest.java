package io.gantry.compat.rocketmq5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves this module's classpath: the official 5.3.1 codec encodes a request in both serialize
 * types, the frame has the documented layout, and the official codec reads it back unchanged.
 */
class OfficialCodecSmokeTest {

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void officialRequestSurvivesOfficialRoundTrip(SerializeType type) throws Exception {
        GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
        header.setTopic("TopicTest");
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
        request.setSerializeTypeCurrentRPC(type);
        request.setRemark("smoke");
        request.addExtField("extra", "value");
        byte[] body = "hello body".getBytes(StandardCharsets.UTF_8);
        request.setBody(body);

        byte[] frame = OfficialFrames.encode(request);

        ByteBuffer wire = ByteBuffer.wrap(frame);
        int length = wire.getInt();
        int headerLenAndType = wire.getInt();
        int headerLength = headerLenAndType & 0x00FF_FFFF;
        assertThat(length).isEqualTo(frame.length - 4);
        assertThat(headerLenAndType >>> 24).isEqualTo(type.getCode() & 0xFF);
        assertThat(length - 4 - headerLength).as("body length").isEqualTo(body.length);

        RemotingCommand decoded = OfficialFrames.decode(frame);
        assertThat(decoded.getSerializeTypeCurrentRPC()).isEqualTo(type);
        assertThat(decoded.getCode()).isEqualTo(RequestCode.GET_ROUTEINFO_BY_TOPIC);
        assertThat(decoded.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(decoded.getFlag()).isEqualTo(request.getFlag());
        assertThat(decoded.getVersion()).isEqualTo(request.getVersion());
        assertThat(decoded.getLanguage()).isEqualTo(request.getLanguage());
        assertThat(decoded.getRemark()).isEqualTo("smoke");
        assertThat(decoded.getBody()).isEqualTo(body);
        assertThat(decoded.getExtFields()).containsEntry("topic", "TopicTest").containsEntry("extra", "value");
        GetRouteInfoRequestHeader decodedHeader =
                decoded.decodeCommandCustomHeader(GetRouteInfoRequestHeader.class);
        assertThat(decodedHeader.getTopic()).isEqualTo("TopicTest");
    }
}
