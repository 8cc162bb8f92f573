package io.gantry.simulation.forbidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.ForbiddenApiException;
import de.thetaphi.forbiddenapis.Logger;
import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@code build/forbidden-node-calls.txt}, the signatures the build checks node
 * modules against, catches each kind of forbidden call, and lets seam-based code through.
 */
class ForbiddenCallsCheckTest {

    private static final File SIGNATURES = locateSignatures();

    @ParameterizedTest
    @ValueSource(strings = {
        "WallClock", "NanoClock", "Sleeper", "ThreadMaker", "PoolMaker", "AsyncWithoutExecutor",
        "UnseededRandom", "MathRandom", "RandomUuid", "FileUser", "NioFilesUser", "SocketUser", "NameLookup"
    })
    void eachForbiddenCallFailsTheCheck(String violator) throws Exception {
        List<String> errors = new ArrayList<>();
        Checker checker = checkerFor(violator, errors);

        assertThatThrownBy(checker::run).isInstanceOf(ForbiddenApiException.class);
        assertThat(errors).anySatisfy(line -> assertThat(line).contains("Node code must use the runtime seams"));
    }

    @Test
    void codeThatUsesTheSeamsPasses() throws Exception {
        List<String> errors = new ArrayList<>();
        Checker checker = checkerFor("SeamUser", errors);

        checker.run();

        assertThat(errors).isEmpty();
    }

    private static Checker checkerFor(String violator, List<String> errors) throws Exception {
        Checker checker = new Checker(new CollectingLogger(errors), ForbiddenCallsCheckTest.class.getClassLoader(),
                Checker.Option.FAIL_ON_VIOLATION, Checker.Option.FAIL_ON_UNRESOLVABLE_SIGNATURES);
        checker.parseSignaturesFile(SIGNATURES);
        String className = Violators.class.getName() + "$" + violator;
        String resource = className.replace('.', '/') + ".class";
        try (InputStream bytecode = ForbiddenCallsCheckTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(bytecode).as(resource).isNotNull();
            checker.addClassToCheck(bytecode, resource);
        }
        return checker;
    }

    /** Surefire runs in the module directory; the signatures live at the repository root. */
    private static File locateSignatures() {
        File dir = new File("").getAbsoluteFile();
        while (dir != null) {
            File candidate = new File(dir, "build/forbidden-node-calls.txt");
            if (candidate.isFile()) {
                return candidate;
            }
            dir = dir.getParentFile();
        }
        throw new IllegalStateException("build/forbidden-node-calls.txt not found above " + new File("").getAbsolutePath());
    }

    private record CollectingLogger(List<String> errors) implements Logger {
        @Override
        public void error(String msg) {
            errors.add(msg);
        }

        @Override
        public void warn(String msg) {
        }

        @Override
        public void info(String msg) {
        }

        @Override
        public void debug(String msg) {
        }
    }

}
