package io.mailharness.sink.pop3;

import io.mailharness.protocol.DotStuffing;
import io.mailharness.sink.net.CommandLine;
import io.mailharness.sink.net.SessionHandler;
import io.mailharness.sink.store.KeptMessage;
import io.mailharness.sink.store.Maildrops;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One POP3 session (RFC 1939) over the kept messages: USER with a recipient address and PASS with anything opens
 * that recipient's maildrop; STAT, LIST, UIDL, RETR, DELE, RSET, NOOP and QUIT (with the UPDATE state), and CAPA
 * (RFC 2449). Retrieved messages are byte-stuffed after every CR or LF, since their stored line ends are the
 * client's.
 */
public final class Pop3SessionHandler extends SessionHandler {

    private final Pop3Service service;
    private final CommandLine.Skipping skipping = new CommandLine.Skipping();
    private boolean counted;
    private String user;
    private Maildrops.Session maildrop;
    private List<KeptMessage> messages;
    private boolean[] deleted;

    public Pop3SessionHandler(Pop3Service service) {
        this.service = service;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (service.counters().sessionsOpen() >= service.limits().sessions()) {
            service.counters().sessionRefused();
            sendAndClose(line("-ERR [SYS/TEMP] Too many sessions, try again later"));
        } else {
            service.counters().pop3SessionOpened();
            counted = true;
            send(line("+OK Mailharness sink POP3 ready"));
            ctx.flush();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (maildrop != null) maildrop.end(); // no UPDATE state without QUIT (RFC 1939 §6)
        if (counted) service.counters().pop3SessionClosed();
        super.channelInactive(ctx);
    }

    @Override
    protected void idle() {
        closeNow(); // the autologout timer (RFC 1939 §3): no UPDATE state
    }

    @Override
    protected boolean consumeFrom(ByteBuf in) {
        CommandLine line = CommandLine.next(in, service.limits().commandLineOctets(), skipping);
        if (line == null) return false;
        if (line.tooLong()) send(line("-ERR Line too long"));
        else if (line.hasBareLineEnd()) send(line("-ERR Bare CR or LF in a command line"));
        else command(line.text());
        return true;
    }

    private void command(String text) {
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        if (keyword.equals("QUIT")) quit();
        else if (keyword.equals("CAPA")) send(multiline("Capability list follows", "USER\r\nUIDL\r\n"));
        else if (maildrop == null) authorization(keyword, argument);
        else transaction(keyword, argument);
    }

    private void authorization(String keyword, String argument) {
        switch (keyword) {
            case "USER" -> {
                if (argument.isBlank()) {
                    send(line("-ERR Syntax: USER address"));
                } else {
                    user = argument.strip();
                    send(line("+OK Any password will do"));
                }
            }
            case "PASS" -> pass();
            default -> send(line("-ERR Not allowed before login"));
        }
    }

    private void pass() {
        if (user == null) {
            send(line("-ERR Send USER first"));
            return;
        }
        String name = user;
        user = null;
        service.maildrops().lock(name).ifPresentOrElse(session -> {
            maildrop = session;
            messages = session.messages();
            deleted = new boolean[messages.size()];
            send(line("+OK " + messages.size() + " messages (" + octets(messages) + " octets)"));
        }, () -> send(line("-ERR [IN-USE] Maildrop is locked by another session")));
    }

    private void transaction(String keyword, String argument) {
        switch (keyword) {
            case "STAT" -> send(line("+OK " + undeleted().size() + " " + octets(undeleted())));
            case "LIST" -> listing(argument, "scan listing", m -> String.valueOf(m.size()));
            case "UIDL" -> listing(argument, "unique-id listing", KeptMessage::uniqueId);
            case "RETR" -> retr(argument);
            case "DELE" -> dele(argument);
            case "RSET" -> {
                deleted = new boolean[messages.size()];
                send(line("+OK " + messages.size() + " messages"));
            }
            case "NOOP" -> send(line("+OK"));
            default -> send(line("-ERR Unknown command"));
        }
    }

    private void listing(String argument, String what, java.util.function.Function<KeptMessage, String> field) {
        if (!argument.isEmpty()) {
            int n = messageNumber(argument);
            if (n > 0) send(line("+OK " + n + " " + field.apply(messages.get(n - 1))));
            return;
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) body.append(i + 1).append(' ').append(field.apply(messages.get(i))).append("\r\n");
        }
        send(multiline(what + " follows", body.toString()));
    }

    private void retr(String argument) {
        int n = messageNumber(argument);
        if (n < 0) return;
        KeptMessage message = messages.get(n - 1);
        send(line("+OK " + message.size() + " octets"));
        send(DotStuffing.multilineResponse(message.content(), DotStuffing.LineStart.AFTER_CR_OR_LF));
        service.counters().messageRetrieved();
    }

    private void dele(String argument) {
        int n = messageNumber(argument);
        if (n < 0) return;
        deleted[n - 1] = true;
        send(line("+OK Message " + n + " deleted"));
    }

    /** The message number argument, 1-based, of a message not deleted; -1 after sending the error reply. */
    private int messageNumber(String argument) {
        String digits = argument.strip();
        int n = digits.length() > 0 && digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9') ? Integer.parseInt(digits) : -1;
        if (n < 1 || n > messages.size()) {
            send(line("-ERR No such message"));
            return -1;
        }
        if (deleted[n - 1]) {
            send(line("-ERR Message " + n + " already deleted"));
            return -1;
        }
        return n;
    }

    private void quit() {
        if (maildrop != null) {
            Set<KeptMessage> gone = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < messages.size(); i++) if (deleted[i]) gone.add(messages.get(i));
            maildrop.update(gone);
            int left = messages.size() - gone.size();
            maildrop = null;
            sendAndClose(line("+OK Bye, " + left + " messages left"));
        } else {
            sendAndClose(line("+OK Bye"));
        }
    }

    private List<KeptMessage> undeleted() {
        List<KeptMessage> left = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) if (!deleted[i]) left.add(messages.get(i));
        return left;
    }

    private static long octets(List<KeptMessage> messages) {
        long sum = 0;
        for (KeptMessage m : messages) sum += m.size();
        return sum;
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A multi-line response whose body lines (each with CRLF) need no stuffing. */
    private static byte[] multiline(String status, String body) {
        return ("+OK " + status + "\r\n" + body + ".\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
