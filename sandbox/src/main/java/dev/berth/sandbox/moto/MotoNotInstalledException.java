package dev.berth.sandbox.moto;

/** The python the sandbox tried cannot run moto server; the message is the one line to show the user. */
public final class MotoNotInstalledException extends RuntimeException {

    public MotoNotInstalledException(String message) {
        super(message);
    }
}
