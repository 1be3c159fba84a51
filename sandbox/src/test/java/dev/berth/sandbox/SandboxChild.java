package dev.berth.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A JVM that hosts a sandbox and then just lives, for the test that kills it: prints
 * {@code MOTO <pid> <port>} once the sandbox is up, then waits forever.
 */
public final class SandboxChild {

    private SandboxChild() {}

    public static void main(String[] args) throws InterruptedException {
        Sandbox sandbox = Sandbox.start(SandboxOptions.forProject(Path.of(args[0])).withLogDir(Path.of(args[1])));
        System.out.println("MOTO " + sandbox.motoProcess().pid() + " " + sandbox.motoEndpoint().getPort()
                + " " + sandbox.endpoint().getPort());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
