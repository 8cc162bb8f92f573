package io.gantry.simulation.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.consumer.rebalance.AllocateStrategy;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.PropertyRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Rebalance allocation: every queue to exactly one member, balanced shares, same answer for the same input. */
class AllocateStrategyPropertyTest {

    private static final PropertyRunner RUNNER = PropertyRunner.fromSystemProperties();

    private record Group(List<MessageQueue> queues, List<String> members) {
    }

    private static Group drawGroup(Choices choices) {
        int brokers = choices.intBetween(1, 3);
        List<MessageQueue> queues = new ArrayList<>();
        for (int b = 0; b < brokers; b++) {
            int perBroker = choices.intBetween(0, 16);
            for (int q = 0; q < perBroker; q++) {
                queues.add(new MessageQueue("T", "broker-" + b, q));
            }
        }
        List<String> members = new ArrayList<>(new TreeSet<>(choices.listOf(1, 12,
                c -> "10.0.0." + c.intBetween(1, 40) + "@" + c.string(3, "abcxyz0123"))));
        choices.note("queues=" + queues.size() + " members=" + members);
        return new Group(queues, members);
    }

    private static Map<String, List<MessageQueue>> shares(AllocateStrategy strategy, Group group, long shuffleSeed) {
        Map<String, List<MessageQueue>> shares = new HashMap<>();
        for (String member : group.members()) {
            // Each member sees the lists in its own order; the strategy must not care.
            List<MessageQueue> queues = new ArrayList<>(group.queues());
            List<String> members = new ArrayList<>(group.members());
            Random order = new Random(shuffleSeed + member.hashCode());
            Collections.shuffle(queues, order);
            Collections.shuffle(members, order);
            shares.put(member, strategy.allocate(member, queues, members));
        }
        return shares;
    }

    private static void everyQueueExactlyOnce(AllocateStrategy strategy, Choices choices) {
        Group group = drawGroup(choices);
        Map<String, List<MessageQueue>> shares = shares(strategy, group, choices.intBetween(0, 1_000));
        List<MessageQueue> all = new ArrayList<>();
        shares.values().forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrderElementsOf(group.queues());
        assertThat(strategy.allocate("not-a-member", group.queues(), group.members())).isEmpty();
    }

    private static void balancedWithinOne(AllocateStrategy strategy, Choices choices) {
        Group group = drawGroup(choices);
        Map<String, List<MessageQueue>> shares = shares(strategy, group, 7);
        int min = shares.values().stream().mapToInt(List::size).min().orElseThrow();
        int max = shares.values().stream().mapToInt(List::size).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }

    private static void deterministic(AllocateStrategy strategy, Choices choices) {
        Group group = drawGroup(choices);
        long seedA = choices.intBetween(0, 1_000);
        long seedB = choices.intBetween(0, 1_000);
        Map<String, List<MessageQueue>> first = shares(strategy, group, seedA);
        Map<String, List<MessageQueue>> second = shares(strategy, group, seedB);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void averagelyAssignsEachQueueOnceBalancedAndDeterministically() {
        AllocateStrategy strategy = AllocateStrategy.averagely();
        RUNNER.check("averagely: exactly once", c -> everyQueueExactlyOnce(strategy, c));
        RUNNER.check("averagely: balanced", c -> balancedWithinOne(strategy, c));
        RUNNER.check("averagely: deterministic", c -> deterministic(strategy, c));
    }

    @Test
    void averagelyByCircleAssignsEachQueueOnceBalancedAndDeterministically() {
        AllocateStrategy strategy = AllocateStrategy.averagelyByCircle();
        RUNNER.check("circle: exactly once", c -> everyQueueExactlyOnce(strategy, c));
        RUNNER.check("circle: balanced", c -> balancedWithinOne(strategy, c));
        RUNNER.check("circle: deterministic", c -> deterministic(strategy, c));
    }

    @Test
    void consistentHashAssignsEachQueueOnceAndDeterministically() {
        AllocateStrategy strategy = AllocateStrategy.consistentHash();
        RUNNER.check("consistent hash: exactly once", c -> everyQueueExactlyOnce(strategy, c));
        RUNNER.check("consistent hash: deterministic", c -> deterministic(strategy, c));
    }

    @Test
    void consistentHashMovesOnlyTheLeaversQueuesWhenAMemberLeaves() {
        RUNNER.check("consistent hash: stable on leave", c -> {
            Group group = drawGroup(c);
            c.assume(group.members().size() >= 2);
            AllocateStrategy strategy = AllocateStrategy.consistentHash();
            String leaver = c.pick(group.members());
            List<String> remaining = new ArrayList<>(group.members());
            remaining.remove(leaver);
            for (String member : remaining) {
                Set<MessageQueue> before = new TreeSet<>(strategy.allocate(member, group.queues(), group.members()));
                Set<MessageQueue> after = new TreeSet<>(strategy.allocate(member, group.queues(), remaining));
                assertThat(after).containsAll(before);
            }
        });
    }
}
