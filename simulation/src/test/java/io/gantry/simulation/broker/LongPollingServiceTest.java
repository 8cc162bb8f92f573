package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.longpoll.LongPollingService;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The held-pull table on a simulated loop: wake on arrival for the right queue, or at the timeout, once. */
class LongPollingServiceTest {

    private final SimWorld world = new SimWorld(SimConfig.defaults(3));
    private final NodeContext node = world.addNode("broker").context();
    private final LongPollingService service = new LongPollingService(node.scheduler());
    private final List<String> fired = new ArrayList<>();

    private void onLoop(Runnable action) {
        node.scheduler().execute(action);
        world.runFor(1);
    }

    @Test
    void arrivalWakesOnlyTheRequestsOfThatQueueAndOnlyOnce() {
        onLoop(() -> {
            service.hold("T", 0, 10_000, () -> fired.add("T0-a"));
            service.hold("T", 0, 10_000, () -> fired.add("T0-b"));
            service.hold("T", 1, 10_000, () -> fired.add("T1"));
        });
        assertThat(service.heldCount()).isEqualTo(3);

        onLoop(() -> service.notifyMessageArriving("T", 0));
        assertThat(fired).containsExactly("T0-a", "T0-b");
        assertThat(service.heldCount()).isEqualTo(1);

        world.runFor(20_000);
        assertThat(fired).as("the woken ones do not fire again at their timeout").containsExactly("T0-a", "T0-b", "T1");
        assertThat(service.heldCount()).isZero();
    }

    @Test
    void timeoutFiresAfterTheHoldAndStopAnswersTheRest() {
        long start = world.nowMs();
        List<Long> firedAt = new ArrayList<>();
        onLoop(() -> service.hold("T", 0, 5_000, () -> firedAt.add(world.nowMs())));
        world.runFor(4_000);
        assertThat(firedAt).isEmpty();
        world.runFor(2_000);
        assertThat(firedAt).singleElement().satisfies(at -> assertThat(at - start).isBetween(5_000L, 5_100L));

        onLoop(() -> service.hold("T", 2, 60_000, () -> fired.add("held")));
        onLoop(service::stop);
        assertThat(fired).containsExactly("held");
        boolean[] accepted = {true};
        onLoop(() -> accepted[0] = service.hold("T", 2, 60_000, () -> fired.add("late")));
        assertThat(accepted[0]).as("a stopped service holds nothing").isFalse();
        assertThat(fired).containsExactly("held");
    }
}
