package io.mailharness.sink.smtp;

import io.mailharness.protocol.DotStuffing;
import io.mailharness.sink.Stage;
import io.mailharness.sink.StageReply;
import io.mailharness.sink.net.CommandLine;
import io.mailharness.sink.net.SessionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import static io.mailharness.sink.smtp.SmtpReplies.*;

/**
 * One SMTP session (RFC 5321 with PIPELINING, 8BITMIME, SIZE, ENHANCEDSTATUSCODES and CHUNKING): commands are
 * taken one at a time in the order they came, each reply goes through {@link #reply} so that the stage plan can
 * delay it, replace it with a fault reply or drop the connection instead.
 */
public final class SmtpSessionHandler extends SessionHandler {
    private enum Mode { COMMANDS, DATA, CHUNK }

    private static final Runnable NOTHING = () -> {};

    private final SmtpService service;
    private final CommandLine.Skipping skipping = new CommandLine.Skipping();
    private Mode mode = Mode.COMMANDS;
    private boolean counted;
    private boolean greeted;
    private boolean extended;
    /** The greeting was a fault reply: the session only waits for QUIT (RFC 5321 §3.1). */
    private boolean refusing;
    private MailTransaction transaction;
    private IncomingMessage message;
    private EndOfDataScanner scanner;
    private long chunkSize;
    private long chunkLeft;
    private boolean chunkLast;
    private Reply chunkRefusal;

    public SmtpSessionHandler(SmtpService service) {
        this.service = service;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (service.counters.sessionsOpen() >= service.limits.sessions()) {
            service.counters.sessionRefused();
            sendAndClose(service.replies.tooManySessions.octets());
        } else {
            service.counters.smtpSessionOpened();
            counted = true;
            reply(Stage.GREETING, () -> service.replies.greeting, () -> refusing = true);
            ctx.flush();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) service.counters.smtpSessionClosed();
        super.channelInactive(ctx);
    }

    @Override
    protected void received(int octets) {
        service.counters.octetsReceived(octets);
    }

    @Override
    protected void idle() {
        // closed at once, not after the 421 is written: a client that reads nothing must not keep the connection
        send(service.replies.idleTimeout.octets());
        closeNow();
    }

    @Override
    protected boolean consumeFrom(ByteBuf in) {
        switch (mode) {
            case DATA -> data(in);
            case CHUNK -> chunk(in);
            default -> {
                CommandLine line = CommandLine.next(in, service.limits.commandLineOctets(), skipping);
                if (line == null) return false;
                command(line);
            }
        }
        return true;
    }

    /**
     * Replies at a stage. After the stage's delay (timed on this connection's event loop, nothing sleeps), the
     * plan may drop the connection or send its fault reply, and then the command has no effect but
     * {@code onFault}; otherwise {@code command} applies the command and gives its reply.
     */
    private void reply(Stage stage, Supplier<Reply> command, Runnable onFault) {
        long delay = service.plan.delay(stage).toNanos();
        if (delay == 0) {
            answer(stage, command, onFault);
            return;
        }
        hold();
        ctx.executor().schedule(() -> {
            answer(stage, command, onFault);
            resume();
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void answer(Stage stage, Supplier<Reply> command, Runnable onFault) {
        if (isClosing()) return;
        RandomGenerator random = ThreadLocalRandom.current();
        if (service.plan.disconnects(stage, random)) {
            onFault.run();
            closeNow();
            return;
        }
        StageReply fault = service.plan.faultReply(stage, random);
        if (fault != null) {
            onFault.run();
            write(Reply.line(fault.line()));
        } else {
            write(command.get());
        }
    }

    private void write(Reply reply) {
        if (reply.closes()) sendAndClose(reply.octets());
        else send(reply.octets());
    }

    private void command(CommandLine line) {
        if (line.tooLong()) {
            write(LINE_TOO_LONG);
            return;
        }
        if (line.hasBareLineEnd()) {
            write(BARE_LINE_END);
            return;
        }
        String text = line.text();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        if (refusing && !verb.equals("QUIT")) {
            write(ONLY_QUIT);
            return;
        }
        switch (verb) {
            case "EHLO" -> hello(Stage.EHLO, argument);
            case "HELO" -> hello(Stage.HELO, argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument);
            case "BDAT" -> bdat(argument);
            case "RSET" -> reply(Stage.RSET, () -> argument.isEmpty() ? reset(OK) : NO_ARGUMENT, NOTHING);
            case "NOOP" -> reply(Stage.NOOP, () -> OK, NOTHING);
            case "QUIT" -> reply(Stage.QUIT, () -> BYE, NOTHING);
            case "VRFY" -> write(CANNOT_VRFY);
            case "HELP" -> write(HELP);
            default -> write(UNRECOGNIZED);
        }
    }

    /** Ends any mail transaction (RSET, EHLO, HELO: RFC 5321 §4.1.1.5, §4.1.4). */
    private Reply reset(Reply reply) {
        transaction = null;
        message = null;
        return reply;
    }

    private void hello(Stage stage, String argument) {
        boolean ehlo = stage == Stage.EHLO;
        reply(stage, () -> {
            if (argument.isBlank()) return ehlo ? EHLO_SYNTAX : HELO_SYNTAX;
            greeted = true;
            extended = ehlo;
            return reset(ehlo ? service.replies.ehlo : service.replies.helo);
        }, NOTHING);
    }

    private void mail(String argument) {
        reply(Stage.MAIL, () -> {
            if (!greeted) return HELLO_FIRST;
            if (transaction != null) return NESTED_MAIL;
            PathArgument from = PathArgument.parse(argument, "FROM:");
            if (from == null) return MAIL_SYNTAX;
            Reply refusal = mailParameters(from.parameters());
            if (refusal != null) return refusal;
            transaction = new MailTransaction(service.maildrops != null);
            return SENDER_OK;
        }, NOTHING);
    }

    /** SIZE (RFC 1870) and BODY (RFC 6152) are the MAIL parameters known; none after HELO (RFC 5321 §4.1.1.11). */
    private Reply mailParameters(List<String> parameters) {
        for (String parameter : parameters) {
            if (!extended) return PARAMETER_UNKNOWN;
            String upper = parameter.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                String digits = upper.substring(5);
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return MAIL_SYNTAX;
                if (Long.parseLong(digits) > service.limits.messageOctets()) return MESSAGE_TOO_BIG;
            } else if (!upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                return PARAMETER_UNKNOWN;
            }
        }
        return null;
    }

    private void rcpt(String argument) {
        reply(Stage.RCPT, () -> {
            if (transaction == null) return MAIL_FIRST;
            PathArgument to = PathArgument.parse(argument, "TO:");
            if (to == null || to.path().isEmpty()) return RCPT_SYNTAX;
            if (!to.parameters().isEmpty()) return PARAMETER_UNKNOWN;
            if (transaction.recipients() >= service.limits.recipientsPerMessage()) return TOO_MANY_RECIPIENTS;
            transaction.addRecipient(to.path());
            return RECIPIENT_OK;
        }, NOTHING);
    }

    private void data(String argument) {
        reply(Stage.DATA, () -> {
            if (!argument.isEmpty()) return NO_ARGUMENT;
            if (transaction == null) return MAIL_FIRST;
            if (transaction.chunking()) return DATA_AFTER_BDAT;
            if (transaction.recipients() == 0) return NO_RECIPIENTS;
            message = new IncomingMessage(service.limits.messageOctets() + 3L, service.maildrops != null);
            if (scanner == null) scanner = new EndOfDataScanner();
            scanner.reset();
            mode = Mode.DATA;
            return START_DATA;
        }, NOTHING);
    }

    /** Takes mail data up to and including the end-of-data line. */
    private void data(ByteBuf in) {
        int start = in.readerIndex();
        int end = scanner.findEnd(in);
        int stop = end < 0 ? in.writerIndex() : end;
        message.take(in, start, stop - start);
        in.readerIndex(stop);
        if (end >= 0) {
            mode = Mode.COMMANDS;
            endOfMessage(Stage.END_OF_DATA, 3);
        }
    }

    private void bdat(String argument) {
        String[] words = argument.strip().split(" +");
        boolean sizeOk = words[0].length() > 0 && words[0].length() <= 18 && words[0].chars().allMatch(c -> c >= '0' && c <= '9');
        if (!sizeOk || words.length > 2 || (words.length == 2 && !words[1].equalsIgnoreCase("LAST"))) {
            // the chunk's size is unknown, so its octets will be read as commands: the client is confused anyway
            reply(Stage.BDAT, () -> BDAT_SYNTAX, NOTHING);
            return;
        }
        chunkSize = Long.parseLong(words[0]);
        chunkLeft = chunkSize;
        chunkLast = words.length == 2;
        // a refused chunk is still read to its end (RFC 3030 §2)
        chunkRefusal = transaction == null ? MAIL_FIRST : transaction.recipients() == 0 ? NO_RECIPIENTS : null;
        if (chunkRefusal == null && message == null) {
            transaction.startChunking();
            message = new IncomingMessage(service.limits.messageOctets(), service.maildrops != null);
        }
        mode = Mode.CHUNK;
        if (chunkLeft == 0) endOfChunk();
    }

    private void chunk(ByteBuf in) {
        int count = (int) Math.min(chunkLeft, in.readableBytes());
        if (chunkRefusal == null) message.take(in, in.readerIndex(), count);
        in.skipBytes(count);
        chunkLeft -= count;
        if (chunkLeft == 0) endOfChunk();
    }

    private void endOfChunk() {
        mode = Mode.COMMANDS;
        if (chunkRefusal != null) {
            Reply refusal = chunkRefusal;
            reply(Stage.BDAT, () -> refusal, NOTHING);
        } else if (chunkLast) {
            endOfMessage(Stage.BDAT, 0);
        } else {
            Reply received = chunkReceived(chunkSize);
            // after a refused chunk the transaction is over: later chunks get 503
            reply(Stage.BDAT, () -> received, () -> reset(null));
        }
    }

    /** The whole message is in: accept it (keeping it when the sink keeps messages) unless a fault or a bound says no. */
    private void endOfMessage(Stage stage, int terminatorOctets) {
        IncomingMessage complete = message;
        MailTransaction finished = transaction;
        reset(null);
        reply(stage, () -> accept(complete, finished, terminatorOctets), service.counters::messageRefused);
    }

    private Reply accept(IncomingMessage complete, MailTransaction finished, int terminatorOctets) {
        if (complete.oversized()) {
            service.counters.messageRefused();
            return MESSAGE_TOO_BIG;
        }
        if (service.maildrops != null) {
            byte[] received = complete.octets(terminatorOctets);
            // DATA is dot-stuffed on the wire, BDAT chunks are not (RFC 3030 §2)
            byte[] content = terminatorOctets > 0 ? DotStuffing.unstuff(received) : received;
            if (!service.maildrops.deliver(finished.forwardPaths(), content)) {
                service.counters.messageRefused();
                return STORAGE_FULL;
            }
        }
        service.counters.messageAccepted(finished.recipients(), complete.received() - terminatorOctets);
        return queued(service.nextQueueId());
    }
}
