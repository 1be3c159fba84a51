package dev.berth.sandbox.dynamodb;

import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local (the official engine) embedded in this JVM, in memory, on a free loopback port.
 *
 * <p>It is assembled from DynamoDB Local's own request handlers rather than through
 * {@code ServerRunner}, because {@code ServerRunner} binds every interface and refuses port 0; here
 * the connector binds 127.0.0.1 and the OS picks the port, so there is no race for a free one.
 * Telemetry is never configured, so none is sent.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbLocal(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.port = port;
    }

    /**
     * Starts an empty in-memory DynamoDB Local. One shared database for every credential and
     * region ({@code -sharedDb}): otherwise each access key would see its own tables, and the
     * handlers, the tests and the AWS CLI would not see each other's data.
     */
    public static DynamoDbLocal start() {
        LocalDynamoDBServerHandler handler;
        try {
            // (port, inMemory, dbPath, sharedDb, delayTransientStatuses)
            handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local cannot start its engine (is sqlite4java's native library on "
                    + "sqlite4java.library.path=" + System.getProperty("sqlite4java.library.path") + "?): " + e.getMessage(), e);
        }
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        var context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(new ContextHandlerCollection(context));
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
        return new DynamoDbLocal(server, handler, connector.getLocalPort());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Stops the server and drops the in-memory database. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not stop cleanly: " + e.getMessage(), e);
            } finally {
                handler.close();
            }
        }
    }
}
