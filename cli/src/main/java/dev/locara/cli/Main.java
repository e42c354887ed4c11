package dev.locara.cli;

/** Entry point of locara-cli.jar: runs {@link Cli} and turns its result into the exit status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.out, System.err));
    }
}
