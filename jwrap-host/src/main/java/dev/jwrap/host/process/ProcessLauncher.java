package dev.jwrap.host.process;

/**
 * Starts a service program for a connection. The supervisor depends on this interface so tests
 * can replace process creation. Implementations are thread-safe.
 */
public interface ProcessLauncher {

    /**
     * Starts {@code request}'s program as a child of this process and returns at once.
     *
     * @return the child's process id; the caller reaps it (see {@link ChildReaper})
     * @throws SpawnException when the program, its user or the system refused; nothing was started
     */
    int spawn(SpawnRequest request) throws SpawnException;
}
