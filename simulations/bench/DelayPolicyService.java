import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A Postfix policy service (the SMTP access policy delegation protocol) that answers every request with
 * {@code action=DUNNO} after an exact delay: bound to {@code check_policy_service} in smtpd's recipient
 * restrictions, it delays each RCPT reply by that much and changes nothing else.
 * Usage: java DelayPolicyService.java PORT DELAY_MS MAX_SECONDS (listens on 127.0.0.1; ends after MAX_SECONDS).
 */
public class DelayPolicyService {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delayMillis = Long.parseLong(args[1]);
        long maxSeconds = Long.parseLong(args[2]);
        ServerSocket listener = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException ignored) {
                // ends below either way
            }
            System.exit(0);
        });
        System.out.println("listening " + port + " delay " + delayMillis + " ms");
        while (true) {
            Socket connection = listener.accept();
            Thread.ofVirtual().start(() -> answer(connection, delayMillis));
        }
    }

    // smtpd keeps the connection for several requests: each ends with an empty line.
    private static void answer(Socket connection, long delayMillis) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = connection.getOutputStream()) {
            int attributes = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    if (++attributes > 1000) return;   // not a policy client
                    continue;
                }
                attributes = 0;
                Thread.sleep(delayMillis);
                out.write("action=DUNNO\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (Exception closed) {
            // the client went away; smtpd opens another connection when it needs one
        }
    }
}
