package io.mailharness.faultserver;

import java.util.List;

/** Test shortcuts for common SMTP and POP3 dialogues against the fault server. */
final class Mail {

    private Mail() {
    }

    /** Sends one message by DATA; returns the final reply line. {@code data} is sent as is, then CRLF.CRLF. */
    static String send(FaultyMailServer server, String from, List<String> to, String data) {
        try (RawClient smtp = RawClient.smtp(server)) {
            expect(smtp.readReply().getLast(), "220");
            expect(smtp.cmd("EHLO client.example"), "250");
            expect(smtp.cmd("MAIL FROM:<" + from + ">"), "250");
            for (String rcpt : to) {
                expect(smtp.cmd("RCPT TO:<" + rcpt + ">"), "250");
            }
            expect(smtp.cmd("DATA"), "354");
            String reply = smtp.cmd(data + "\r\n.");
            smtp.cmd("QUIT");
            return reply;
        }
    }

    static String send(FaultyMailServer server, String to, String data) {
        return send(server, "sender@client.example", List.of(to), data);
    }

    /** Logs in by USER/PASS; the client is in TRANSACTION state on return. */
    static RawClient pop3Login(FaultyMailServer server, String user) {
        RawClient pop = RawClient.pop3(server);
        expect(pop.readLine(), "+OK");
        expect(pop.pop("USER " + user), "+OK");
        expect(pop.pop("PASS " + server.account(user).password()), "+OK");
        return pop;
    }

    /** RETR of message n with byte-stuffing removed. */
    static String retr(RawClient pop, int n) {
        String stuffed = pop.popMulti("RETR " + n);
        return unstuff(stuffed);
    }

    static String unstuff(String stuffed) {
        StringBuilder out = new StringBuilder();
        for (String line : stuffed.split("(?<=\r\n)")) {
            out.append(line.startsWith(".") ? line.substring(1) : line);
        }
        return out.toString();
    }

    static void expect(String line, String prefix) {
        if (line == null || !line.startsWith(prefix)) {
            throw new AssertionError("expected " + prefix + " but got: " + line);
        }
    }
}
