package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.nameserver.NameServerConfig;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesrvCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String err) {}

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        var commandLine = GantryCli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Outcome(commandLine.execute(args), err.toString());
    }

    @Test
    void badPortsExitTwoWithAMessage() {
        Outcome outOfRange = run("namesrv", "-p", "70000");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.err()).contains("listenPort");

        Outcome notANumber = run("namesrv", "-p", "abc");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("abc");
    }

    @Test
    void helpListsTheNamesrvCommand() {
        StringWriter out = new StringWriter();
        var commandLine = GantryCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("namesrv");
    }

    @Test
    void startedNameServerAnswersOverTcpAndClosesCleanly() throws Exception {
        try (RunningNameServer running = RunningNameServer.start(
                NameServerConfig.defaults().withListen("127.0.0.1", 0), dir.resolve("namesrv"))) {
            int port = Integer.parseInt(running.address().substring(running.address().lastIndexOf(':') + 1));
            assertThat(port).isPositive();

            RemotingCommand response = exchange(port, RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO).opaque(7).build());

            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.opaque()).isEqualTo(7);
            assertThat(response.body()).isNotNull();
        }
    }

    @Test
    void takenPortFailsToStart() throws Exception {
        try (RunningNameServer first = RunningNameServer.start(
                NameServerConfig.defaults().withListen("127.0.0.1", 0), dir.resolve("a"))) {
            int port = Integer.parseInt(first.address().substring(first.address().lastIndexOf(':') + 1));
            assertThatThrownBy(() -> RunningNameServer.start(
                    NameServerConfig.defaults().withListen("127.0.0.1", port), dir.resolve("b")))
                    .isInstanceOf(IOException.class);
        }
    }

    /** One request/response over a plain blocking socket, framed as RocketMQ frames it. */
    private static RemotingCommand exchange(int port, RemotingCommand request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            ByteBuffer frame = RemotingCodec.encodeWithLengthPrefix(request);
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            byte[] responseFrame = new byte[length];
            in.readFully(responseFrame);
            return RemotingCodec.decode(ByteBuffer.wrap(responseFrame));
        }
    }
}
