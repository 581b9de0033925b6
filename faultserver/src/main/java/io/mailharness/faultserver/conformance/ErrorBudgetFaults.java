package io.mailharness.faultserver.conformance;

import io.mailharness.faultserver.pop3.Pop3Reply;
import io.mailharness.faultserver.pop3.Pop3ReplyFault;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.pop3.Pop3State;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpReplyFault;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.faultserver.smtp.SmtpState;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Error budgets as real servers keep them (Exim drops a client after 3 unknown commands, Dovecot's pop3-login after
 * 3 bad ones, Postfix says 421 after 20 errors): the third error reply of a session is replaced by a closing one.
 * The RFCs allow it (RFC 5321 §3.8: 421 and close; RFC 1939 §3 sets no rule), so no check may fail against these:
 * a check that does is spending more than two errors on one connection.
 */
public final class ErrorBudgetFaults {
    private ErrorBudgetFaults() {}

    /** Errors a session may earn; the last of them closes it. */
    static final int BUDGET = 3;

    public static final SmtpReplyFault SMTP_CLOSES_AFTER_THREE_ERRORS = new SmtpReplyFault() {
        private final Map<SmtpState, Integer> errors = Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public String name() {
            return "SMTP_CLOSES_AFTER_THREE_ERRORS";
        }

        @Override
        public String description() {
            return "the third 5yz reply of a session becomes '421 4.7.0 Too many errors' and the connection closes "
                    + "(an error budget, allowed by RFC 5321 §3.8)";
        }

        @Override
        public SmtpReply rewrite(SmtpStage stage, SmtpReply reply, SmtpState state) {
            if (reply.code() / 100 != 5 || stage == SmtpStage.GREETING) return reply;
            if (errors.merge(state, 1, Integer::sum) < BUDGET) return reply;
            return SmtpReply.of(421, "4.7.0 Too many errors, closing connection").thenClose();
        }
    };

    public static final Pop3ReplyFault POP3_CLOSES_AFTER_THREE_ERRORS = new Pop3ReplyFault() {
        private final Map<Pop3State, Integer> errors = Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public String name() {
            return "POP3_CLOSES_AFTER_THREE_ERRORS";
        }

        @Override
        public String description() {
            return "the third -ERR of a session says so and the connection closes (an error budget; RFC 1939 §3 sets no rule)";
        }

        @Override
        public Pop3Reply rewrite(Pop3Stage stage, Pop3Reply reply, Pop3State state) {
            if (reply.isOk() || !reply.status().startsWith("-ERR")) return reply;
            if (errors.merge(state, 1, Integer::sum) < BUDGET) return reply;
            return Pop3Reply.err("too many bad commands, closing connection").thenClose();
        }
    };
}
