import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * What one C call costs a JVM's start-up: {@code none} makes none, {@code jni} calls getpid()
 * through libjwrap.so (dev.jwrap.core.sys.NativeLibc), {@code ffm} through an FFM downcall
 * handle. Run by bench/startup/one-call.sh, with and without an AOT cache of its own.
 */
public class OneCall {
    public static void main(String[] a) throws Throwable {
        switch (a[0]) {
            case "none" -> System.out.println(ProcessHandle.class.getName());
            case "jni" -> System.out.println(dev.jwrap.core.sys.NativeLibc.getpid());
            case "ffm" -> {
                Linker l = Linker.nativeLinker();
                MethodHandle h = l.downcallHandle(l.defaultLookup().find("getpid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
                System.out.println((int) h.invokeExact());
            }
        }
    }
}
