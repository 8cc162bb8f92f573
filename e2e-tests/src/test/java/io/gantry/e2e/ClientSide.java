package io.gantry.e2e;

import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.producer.GantryProducer;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;

/**
 * The set-up most end-to-end classes share: a {@link GantryCluster}, one client runtime, a started
 * producer of the given group and an admin client; {@link #close()} stops them in reverse order and
 * tolerates a start that failed half-way.
 */
final class ClientSide implements AutoCloseable {

    private GantryCluster cluster;
    private ProductionRuntime runtime;
    private GantryProducer producer;
    private GantryAdmin admin;

    private ClientSide() {
    }

    static ClientSide start(Path dir, String producerGroup) throws Exception {
        ClientSide side = new ClientSide();
        try {
            side.cluster = GantryCluster.start(dir.resolve("cluster"));
            side.runtime = ProductionRuntime.create("client", dir.resolve("client"));
            side.producer = GantryProducer.create(side.runtime.context(), side.cluster.clientConfig(),
                    GantryCluster.producerConfig(producerGroup));
            side.producer.start();
            side.admin = GantryAdmin.create(side.runtime.context(), side.cluster.clientConfig());
            return side;
        } catch (Exception | Error e) {
            side.close();
            throw e;
        }
    }

    GantryCluster cluster() {
        return cluster;
    }

    ProductionRuntime runtime() {
        return runtime;
    }

    GantryProducer producer() {
        return producer;
    }

    GantryAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
