package dev.locara.cli;

import dev.locara.gguf.GgufException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line without System.exit: runs one subcommand and returns its exit status
 * (0 done, 1 error, 2 bad arguments). Errors are printed as one line, never as a stack trace.
 */
public final class Cli {
    public static final int OK = 0, ERROR = 1, USAGE = 2;

    /** A subcommand; writes results to out and diagnostics to err. */
    interface Command {
        void run(String[] args, PrintStream out, PrintStream err) throws IOException;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("inspect", Inspect::run);
        COMMANDS.put("tokenize", Tokenize::tokenize);
        COMMANDS.put("detokenize", Tokenize::detokenize);
        COMMANDS.put("generate", Generate::run);
        COMMANDS.put("quantize", Quantize::run);
        COMMANDS.put("synth", Synth::run);
        COMMANDS.put("convert-onnx", ConvertOnnx::run);
        COMMANDS.put("embed", Embed::run);
        COMMANDS.put("eval-retrieval", EvalRetrieval::run);
    }

    static final String USAGE_LINE = "locara <" + String.join("|", COMMANDS.keySet()) + "> ARGS... (run a command without arguments for its usage)";

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            if (args.length > 0) {
                err.println("locara: unknown command '" + args[0] + "'");
            }
            err.println("usage: " + USAGE_LINE);
            return USAGE;
        }
        try {
            COMMANDS.get(args[0]).run(args, out, err);
            out.flush();
            return OK;
        } catch (UsageException e) {
            err.println("locara " + args[0] + ": " + e.getMessage());
            err.println("usage: " + e.usage);
            return USAGE;
        } catch (GgufException e) {
            err.println("error: " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
        } catch (IOException e) {
            err.println("error: " + e);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getCause());
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage()); // the library's own checks (prompt too long, unsupported type...)
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (please report this)");
        }
        out.flush();
        return ERROR;
    }
}
