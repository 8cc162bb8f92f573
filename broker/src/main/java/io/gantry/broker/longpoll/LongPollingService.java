package io.gantry.broker.longpoll;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds caught-up pull requests until a message arrives on their queue or their hold time ends. A
 * held request is a {@link Runnable} that re-runs the pull and answers whatever it finds; it runs at
 * most once: on {@link #notifyMessageArriving} for its (topic, queue), or at its timeout. Lives on the
 * broker's loop. Does not guarantee that the re-run finds a message (a tag filter may reject it; the
 * re-run then answers what the store says).
 */
public final class LongPollingService {

    /** Largest number of requests held at once; beyond it a pull is answered at once. */
    public static final int MAX_HELD = 100_000;

    private final Scheduler scheduler;
    private final Map<String, List<Held>> byQueue = new HashMap<>();
    private int heldCount;
    private boolean stopped;

    private final class Held {
        final String key;
        final Runnable rerun;
        Cancellable timer;
        boolean done;

        Held(String key, Runnable rerun) {
            this.key = key;
            this.rerun = rerun;
        }

        void fire() {
            if (done) {
                return;
            }
            done = true;
            heldCount--;
            if (timer != null) {
                timer.cancel();
            }
            rerun.run();
        }
    }

    public LongPollingService(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    private static String key(String topic, int queueId) {
        return topic + "@" + queueId;
    }

    /**
     * Holds {@code rerun} for up to {@code holdMs}. Returns false (and holds nothing) when full or
     * stopped: the caller answers at once.
     */
    public boolean hold(String topic, int queueId, long holdMs, Runnable rerun) {
        assert scheduler.inLoop();
        if (stopped || heldCount >= MAX_HELD) {
            return false;
        }
        String key = key(topic, queueId);
        Held held = new Held(key, rerun);
        byQueue.computeIfAbsent(key, k -> new ArrayList<>()).add(held);
        heldCount++;
        held.timer = scheduler.schedule(Math.max(0, holdMs), () -> {
            List<Held> list = byQueue.get(key);
            if (list != null) {
                list.remove(held);
                if (list.isEmpty()) {
                    byQueue.remove(key);
                }
            }
            held.fire();
        });
        return true;
    }

    /** A message became readable on (topic, queue): re-runs every request held for it. */
    public void notifyMessageArriving(String topic, int queueId) {
        assert scheduler.inLoop();
        List<Held> list = byQueue.remove(key(topic, queueId));
        if (list != null) {
            list.forEach(Held::fire);
        }
    }

    /** Answers every held request now (their re-runs find what the store has) and holds no more. */
    public void stop() {
        stopped = true;
        List<Held> all = new ArrayList<>();
        byQueue.values().forEach(all::addAll);
        byQueue.clear();
        all.forEach(Held::fire);
    }

    public int heldCount() {
        return heldCount;
    }
}
