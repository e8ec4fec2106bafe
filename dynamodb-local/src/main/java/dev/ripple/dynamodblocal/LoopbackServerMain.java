package dev.ripple.dynamodblocal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs DynamoDB Local bound to 127.0.0.1 (its own command line has no host flag and binds every
 * interface), and exits when the process that started it is gone, so a killed stack leaves no JVM behind.
 *
 * <p>Usage: {@code LoopbackServerMain --parent-pid PID <DynamoDB Local arguments>}. Everything is reached by
 * reflection because DynamoDB Local's Jetty server is a private field; compiling against DynamoDB Local
 * would buy nothing here.
 */
public final class LoopbackServerMain {
    private static final String LOOPBACK = "127.0.0.1";
    /** What the launcher prints once the server is bound and started; the parent waits for it. */
    static final String LISTENING = "DynamoDB Local listening on " + LOOPBACK;

    private LoopbackServerMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> serverArgs = new ArrayList<>(List.of(args));
        int parentFlag = serverArgs.indexOf("--parent-pid");
        if (parentFlag >= 0) {
            long parentPid = Long.parseLong(serverArgs.get(parentFlag + 1));
            serverArgs.subList(parentFlag, parentFlag + 2).clear();
            exitWhenGone(parentPid);
        }
        boolean testControl = serverArgs.remove("--test-control");
        Class<?> runner = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
        Object proxyServer = runner.getMethod("createServerFromCommandLineArgs", String[].class)
                .invoke(null, (Object) serverArgs.toArray(String[]::new));
        if (testControl) {
            enableTestControl(proxyServer);
        }
        Field serverField = proxyServer.getClass().getDeclaredField("server");
        serverField.setAccessible(true);
        Object jetty = serverField.get(proxyServer);
        for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
            Method setHost = connector.getClass().getMethod("setHost", String.class);
            setHost.invoke(connector, LOOPBACK);
        }
        proxyServer.getClass().getMethod("start").invoke(proxyServer);
        System.out.println(LISTENING);
    }

    /**
     * Switches on DynamoDB Local's built-in test control, which its command line does not expose: a PutItem
     * on the table {@code [TEST_CONTROL]} with {@code ACTION=ROLLOVER} closes every open shard (lineage), and
     * with {@code ACTION=DILATE_TIME, HOURS=n} ages streams by n hours (expired iterators, old records).
     */
    private static void enableTestControl(Object proxyServer) throws ReflectiveOperationException {
        Object serverHandler = field(proxyServer.getClass(), "serverHandler").get(proxyServer);
        Object requestHandler = field(serverHandler.getClass(), "primaryHandler").get(serverHandler);
        field(requestHandler.getClass(), "isTestControlEnabled").setBoolean(requestHandler, true);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static void exitWhenGone(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));
    }
}
