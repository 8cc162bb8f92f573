package io.gantry.simulation.forbidden;

import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import java.io.IOException;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * One tiny class per kind of call the node modules must not make, compiled as test code so the
 * build's own check does not see them; {@link ForbiddenCallsCheckTest} feeds their bytecode to
 * the same checker and signatures file the build uses.
 */
final class Violators {

    private Violators() {
    }

    static final class WallClock {
        long now() {
            return System.currentTimeMillis();
        }
    }

    static final class NanoClock {
        long now() {
            return System.nanoTime();
        }
    }

    static final class Sleeper {
        void nap() throws InterruptedException {
            Thread.sleep(1);
        }
    }

    static final class ThreadMaker {
        Thread make(Runnable task) {
            return new Thread(task);
        }
    }

    static final class PoolMaker {
        Object make() {
            return Executors.newSingleThreadExecutor();
        }
    }

    static final class AsyncWithoutExecutor {
        CompletableFuture<Integer> run() {
            return CompletableFuture.supplyAsync(() -> 1);
        }
    }

    static final class UnseededRandom {
        int roll() {
            return new Random().nextInt();
        }
    }

    static final class MathRandom {
        double roll() {
            return Math.random();
        }
    }

    static final class RandomUuid {
        UUID make() {
            return UUID.randomUUID();
        }
    }

    static final class FileUser {
        boolean exists() {
            return new java.io.File("x").exists();
        }
    }

    static final class NioFilesUser {
        boolean exists() {
            return java.nio.file.Files.exists(java.nio.file.Path.of("x"));
        }
    }

    static final class SocketUser {
        Object open() throws IOException {
            return new java.net.Socket();
        }
    }

    static final class NameLookup {
        Object lookUp() throws IOException {
            return java.net.InetAddress.getByName("localhost");
        }
    }

    /** What node code does instead: everything through the seams. Must pass the check. */
    static final class SeamUser {
        long now(Clock clock) {
            return clock.nanoTime();
        }

        CompletableFuture<Integer> later(Scheduler scheduler) {
            return CompletableFuture.supplyAsync(() -> 1, scheduler);
        }

        int roll(java.util.random.RandomGenerator random) {
            return random.nextInt();
        }
    }
}
