package org.litmeter.infra.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM litmeter starts: runs the real main class and exits when its
 * standard input reaches end of file. The parent holds the other end of that pipe, so the child
 * stops when the parent closes it and also when the parent dies in any way, even by SIGKILL: no
 * orphaned broker or TaskManager is left behind.
 *
 * <p>Usage: {@code java -cp ... org.litmeter.infra.local.OrphanGuard <main-class> [args...]}
 */
public final class OrphanGuard {

  private OrphanGuard() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: OrphanGuard <main-class> [args...]");
      System.exit(2);
    }
    Thread watcher = new Thread(OrphanGuard::exitAtEndOfInput, "orphan-guard");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void exitAtEndOfInput() {
    InputStream in = System.in;
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; reading only waits for the pipe to close
      }
    } catch (IOException ignored) {
      // a broken pipe means the same as end of input
    }
    System.exit(0);
  }
}
