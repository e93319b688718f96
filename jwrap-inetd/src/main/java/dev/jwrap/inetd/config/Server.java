package dev.jwrap.inetd.config;

import java.util.List;

/** What serves an entry's connections: a built-in or a program. */
public sealed interface Server {

    /** A built-in service ({@code internal}); the user field is ignored for it, as in inetd. */
    record Internal(InternalService service) implements Server {}

    /**
     * A program started per connection (or per wakeup for {@code wait}).
     *
     * @param path the server path as written (normally absolute)
     * @param argv argv[0] and the arguments; never empty (argv[0] defaults to the path's basename)
     */
    record Program(String path, List<String> argv) implements Server {
        public Program {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("argv of " + path + " must contain at least argv[0]");
            }
        }
    }
}
