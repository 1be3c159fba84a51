package dev.berth.domain;

/** Input a person or system sent that Berth cannot act on; the message says what to fix. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
