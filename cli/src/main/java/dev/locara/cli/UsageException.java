package dev.locara.cli;

/** Bad command-line arguments: the CLI prints the reason and the command's usage line, exit status 2. */
final class UsageException extends RuntimeException {
    final String usage;

    UsageException(String reason, String usage) {
        super(reason);
        this.usage = usage;
    }
}
