package dev.jwrap.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar's manifest. */
final class VersionProvider implements IVersionProvider {

    /** The version number alone, {@code 0.1.0-SNAPSHOT} in a development build. */
    static String number() {
        String v = Jwrap.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        String v = Jwrap.class.getPackage().getImplementationVersion();
        return new String[] {"jwrap " + (v == null ? "(development build)" : v)};
    }

    /**
     * An instance typed as picocli's interface. Code that passes it on needs no proof that this
     * class implements the interface, so verifying {@link Jwrap} does not load picocli's interface,
     * which the AOT cache cannot hold: {@code jwrap match} and {@code jwrap check} then read no class
     * from the jar at all.
     */
    static final IVersionProvider INSTANCE = new VersionProvider();
}
