package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Faults;

import java.util.HashMap;
import java.util.Map;

/** Verb to command, built per server: the conforming commands, then the command faults on top. */
public final class SmtpCommandRegistry {

    private final Map<String, SmtpCommand> commands;

    private SmtpCommandRegistry(Map<String, SmtpCommand> commands) {
        this.commands = Map.copyOf(commands);
    }

    public static SmtpCommandRegistry create(Faults faults) {
        Map<String, SmtpCommand> commands = new HashMap<>();
        commands.put("EHLO", new EhloCommand());
        commands.put("HELO", new HeloCommand());
        commands.put("MAIL", new MailCommand());
        commands.put("RCPT", new RcptCommand());
        commands.put("DATA", new DataCommand());
        commands.put("BDAT", new BdatCommand());
        commands.put("RSET", new RsetCommand());
        commands.put("NOOP", new NoopCommand());
        commands.put("VRFY", new VrfyCommand());
        commands.put("EXPN", new ExpnCommand());
        commands.put("HELP", new HelpCommand());
        commands.put("QUIT", new QuitCommand());
        commands.put("STARTTLS", new StartTlsCommand());
        commands.put("AUTH", new AuthCommand());
        // Known to RFC 5321 (or its predecessors) but not offered: 502, not 500 (§4.2.4).
        for (String verb : new String[] {"TURN", "ETRN", "SEND", "SOML", "SAML", "ATRN"}) {
            commands.put(verb, new NotImplementedCommand());
        }
        for (SmtpCommandFault fault : faults.all(SmtpCommandFault.class)) {
            commands.put(fault.verb(), fault.replace(commands.get(fault.verb())));
        }
        return new SmtpCommandRegistry(commands);
    }

    /** The command for an upper-case verb, or null when the verb is unknown. */
    public SmtpCommand get(String verb) {
        return commands.get(verb);
    }
}
