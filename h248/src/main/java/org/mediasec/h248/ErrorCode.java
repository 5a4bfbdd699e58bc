package org.mediasec.h248;

import java.util.HashMap;
import java.util.Map;

import org.mediasec.common.Checks;

/**
 * H.248.8 error code as an open enum: the codes of H.248.8 / the IANA Megaco registry with their
 * names (specs.md 5.1), and {@link #of(int)} for any other code. Equality is by code and name.
 */
public record ErrorCode(int code, String name) {
    public static final ErrorCode SYNTAX_ERROR_IN_MESSAGE = new ErrorCode(400, "Syntax error in message");
    public static final ErrorCode PROTOCOL_ERROR = new ErrorCode(401, "Protocol Error");
    public static final ErrorCode UNAUTHORIZED = new ErrorCode(402, "Unauthorized");
    public static final ErrorCode SYNTAX_ERROR_IN_TRANSACTION_REQUEST = new ErrorCode(403, "Syntax error in transaction request");
    public static final ErrorCode VERSION_NOT_SUPPORTED = new ErrorCode(406, "Version Not Supported");
    public static final ErrorCode INCORRECT_IDENTIFIER = new ErrorCode(410, "Incorrect identifier");
    public static final ErrorCode UNKNOWN_CONTEXT_ID = new ErrorCode(411, "The transaction refers to an unknown ContextId");
    public static final ErrorCode NO_CONTEXT_IDS_AVAILABLE = new ErrorCode(412, "No ContextIDs available");
    public static final ErrorCode TOO_MANY_TRANSACTIONS = new ErrorCode(413, "Number of transactions in message exceeds maximum");
    public static final ErrorCode UNKNOWN_ACTION = new ErrorCode(421, "Unknown action or illegal combination of actions");
    public static final ErrorCode SYNTAX_ERROR_IN_ACTION = new ErrorCode(422, "Syntax Error in Action");
    public static final ErrorCode UNKNOWN_TERMINATION_ID = new ErrorCode(430, "Unknown TerminationID");
    public static final ErrorCode NO_TERMINATION_ID_MATCHED_WILDCARD = new ErrorCode(431, "No TerminationID matched a wildcard");
    public static final ErrorCode OUT_OF_TERMINATION_IDS = new ErrorCode(432, "Out of TerminationIDs or No TerminationID available");
    public static final ErrorCode TERMINATION_ID_ALREADY_IN_CONTEXT = new ErrorCode(433, "TerminationID is already in a Context");
    public static final ErrorCode MAX_TERMINATIONS_IN_CONTEXT = new ErrorCode(434, "Max number of Terminations in a Context exceeded");
    public static final ErrorCode TERMINATION_ID_NOT_IN_CONTEXT = new ErrorCode(435, "Termination ID is not in specified Context");
    public static final ErrorCode UNKNOWN_PACKAGE = new ErrorCode(440, "Unsupported or unknown Package");
    public static final ErrorCode MISSING_REMOTE_OR_LOCAL_DESCRIPTOR = new ErrorCode(441, "Missing Remote or Local Descriptor");
    public static final ErrorCode SYNTAX_ERROR_IN_COMMAND = new ErrorCode(442, "Syntax Error in Command");
    public static final ErrorCode UNKNOWN_COMMAND = new ErrorCode(443, "Unsupported or Unknown Command");
    public static final ErrorCode UNKNOWN_DESCRIPTOR = new ErrorCode(444, "Unsupported or Unknown Descriptor");
    public static final ErrorCode UNKNOWN_PROPERTY = new ErrorCode(445, "Unsupported or Unknown Property");
    public static final ErrorCode UNKNOWN_PARAMETER = new ErrorCode(446, "Unsupported or Unknown Parameter");
    public static final ErrorCode DESCRIPTOR_NOT_LEGAL_IN_COMMAND = new ErrorCode(447, "Descriptor not legal in this command");
    public static final ErrorCode DESCRIPTOR_APPEARS_TWICE = new ErrorCode(448, "Descriptor appears twice in a command");
    public static final ErrorCode UNKNOWN_PARAMETER_OR_PROPERTY_VALUE = new ErrorCode(449, "Unsupported or Unknown Parameter or Property Value");
    public static final ErrorCode NO_SUCH_PROPERTY = new ErrorCode(450, "No such property in this package");
    public static final ErrorCode NO_SUCH_EVENT = new ErrorCode(451, "No such event in this package");
    public static final ErrorCode NO_SUCH_SIGNAL = new ErrorCode(452, "No such signal in this package");
    public static final ErrorCode NO_SUCH_STATISTIC = new ErrorCode(453, "No such statistic in this package");
    public static final ErrorCode NO_SUCH_PARAMETER_VALUE = new ErrorCode(454, "No such parameter value in this package");
    public static final ErrorCode PROPERTY_ILLEGAL_IN_DESCRIPTOR = new ErrorCode(455, "Property illegal in this Descriptor");
    public static final ErrorCode PROPERTY_APPEARS_TWICE = new ErrorCode(456, "Property appears twice in this Descriptor");
    public static final ErrorCode MISSING_PARAMETER = new ErrorCode(457, "Missing parameter in signal or event");
    public static final ErrorCode UNEXPECTED_EVENT_REQUEST_ID = new ErrorCode(458, "Unexpected Event/Request ID");
    public static final ErrorCode UNABLE_TO_SET_STATISTIC = new ErrorCode(460, "Unable to set statistic on stream");
    public static final ErrorCode UNKNOWN_PROFILE = new ErrorCode(461, "Unsupported or Unknown Profile");
    public static final ErrorCode IMPLIED_ADD_FOR_MULTIPLEX_FAILURE = new ErrorCode(471, "Implied Add for Multiplex failure");
    public static final ErrorCode REQUIRED_INFORMATION_MISSING = new ErrorCode(472, "Required Information Missing");
    public static final ErrorCode CONFLICTING_PROPERTY_VALUES = new ErrorCode(473, "Conflicting Property Values");
    public static final ErrorCode INVALID_SDP_SYNTAX = new ErrorCode(474, "Invalid SDP Syntax");
    public static final ErrorCode INCORRECT_STREAM_ENDPOINT_INTERLINKAGE = new ErrorCode(488, "Incorrect stream endpoint interlinkage");
    public static final ErrorCode INTERNAL_SOFTWARE_FAILURE = new ErrorCode(500, "Internal software failure in the MG");
    public static final ErrorCode NOT_IMPLEMENTED = new ErrorCode(501, "Not Implemented");
    public static final ErrorCode NOT_READY = new ErrorCode(502, "Not ready");
    public static final ErrorCode SERVICE_UNAVAILABLE = new ErrorCode(503, "Service Unavailable");
    public static final ErrorCode UNAUTHORIZED_ENTITY = new ErrorCode(504, "Command Received from unauthorized entity");
    public static final ErrorCode TRANSACTION_BEFORE_SERVICE_CHANGE_REPLY = new ErrorCode(505, "Transaction Request Received before a ServiceChange Reply has been received");
    public static final ErrorCode TOO_MANY_TRANSACTION_PENDINGS = new ErrorCode(506, "Number of Transaction Pendings Exceeded");
    public static final ErrorCode INSUFFICIENT_RESOURCES = new ErrorCode(510, "Insufficient resources");
    public static final ErrorCode TEMPORARILY_BUSY = new ErrorCode(511, "Temporarily Busy");
    public static final ErrorCode UNEQUIPPED_TO_DETECT_EVENT = new ErrorCode(512, "Media Gateway unequipped to detect requested Event");
    public static final ErrorCode UNEQUIPPED_TO_GENERATE_SIGNALS = new ErrorCode(513, "Media Gateway unequipped to generate requested Signals");
    public static final ErrorCode UNSUPPORTED_MEDIA_TYPE = new ErrorCode(515, "Unsupported Media Type");
    public static final ErrorCode UNSUPPORTED_OR_INVALID_MODE = new ErrorCode(517, "Unsupported or invalid mode");
    public static final ErrorCode INSUFFICIENT_BANDWIDTH = new ErrorCode(526, "Insufficient bandwidth");
    public static final ErrorCode INTERNAL_HARDWARE_FAILURE = new ErrorCode(529, "Internal hardware failure in MG");
    public static final ErrorCode TEMPORARY_NETWORK_FAILURE = new ErrorCode(530, "Temporary Network failure");
    public static final ErrorCode PERMANENT_NETWORK_FAILURE = new ErrorCode(531, "Permanent Network failure");
    public static final ErrorCode AUDITED_ITEM_DOES_NOT_EXIST = new ErrorCode(532, "Audited Property, Statistic, Event or Signal does not exist");
    public static final ErrorCode RESPONSE_EXCEEDS_MAX_PDU = new ErrorCode(533, "Response exceeds maximum transport PDU size");
    public static final ErrorCode ILLEGAL_WRITE_OR_READ_ONLY_PROPERTY = new ErrorCode(534, "Illegal write or read only property");
    public static final ErrorCode COMMAND_NOT_ALLOWED_ON_TERMINATION = new ErrorCode(542, "Command is not allowed on this termination");
    public static final ErrorCode DOES_NOT_EXIST = new ErrorCode(581, "Does Not Exist");

    private static final Map<Integer, ErrorCode> KNOWN = new HashMap<>();

    static {
        for (ErrorCode c : new ErrorCode[] {SYNTAX_ERROR_IN_MESSAGE, PROTOCOL_ERROR, UNAUTHORIZED, SYNTAX_ERROR_IN_TRANSACTION_REQUEST, VERSION_NOT_SUPPORTED, INCORRECT_IDENTIFIER, UNKNOWN_CONTEXT_ID, NO_CONTEXT_IDS_AVAILABLE, TOO_MANY_TRANSACTIONS, UNKNOWN_ACTION, SYNTAX_ERROR_IN_ACTION, UNKNOWN_TERMINATION_ID, NO_TERMINATION_ID_MATCHED_WILDCARD, OUT_OF_TERMINATION_IDS, TERMINATION_ID_ALREADY_IN_CONTEXT, MAX_TERMINATIONS_IN_CONTEXT, TERMINATION_ID_NOT_IN_CONTEXT, UNKNOWN_PACKAGE, MISSING_REMOTE_OR_LOCAL_DESCRIPTOR, SYNTAX_ERROR_IN_COMMAND, UNKNOWN_COMMAND, UNKNOWN_DESCRIPTOR, UNKNOWN_PROPERTY, UNKNOWN_PARAMETER, DESCRIPTOR_NOT_LEGAL_IN_COMMAND, DESCRIPTOR_APPEARS_TWICE, UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, NO_SUCH_PROPERTY, NO_SUCH_EVENT, NO_SUCH_SIGNAL, NO_SUCH_STATISTIC, NO_SUCH_PARAMETER_VALUE, PROPERTY_ILLEGAL_IN_DESCRIPTOR, PROPERTY_APPEARS_TWICE, MISSING_PARAMETER, UNEXPECTED_EVENT_REQUEST_ID, UNABLE_TO_SET_STATISTIC, UNKNOWN_PROFILE, IMPLIED_ADD_FOR_MULTIPLEX_FAILURE, REQUIRED_INFORMATION_MISSING, CONFLICTING_PROPERTY_VALUES, INVALID_SDP_SYNTAX, INCORRECT_STREAM_ENDPOINT_INTERLINKAGE, INTERNAL_SOFTWARE_FAILURE, NOT_IMPLEMENTED, NOT_READY, SERVICE_UNAVAILABLE, UNAUTHORIZED_ENTITY, TRANSACTION_BEFORE_SERVICE_CHANGE_REPLY, TOO_MANY_TRANSACTION_PENDINGS, INSUFFICIENT_RESOURCES, TEMPORARILY_BUSY, UNEQUIPPED_TO_DETECT_EVENT, UNEQUIPPED_TO_GENERATE_SIGNALS, UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_OR_INVALID_MODE, INSUFFICIENT_BANDWIDTH, INTERNAL_HARDWARE_FAILURE, TEMPORARY_NETWORK_FAILURE, PERMANENT_NETWORK_FAILURE, AUDITED_ITEM_DOES_NOT_EXIST, RESPONSE_EXCEEDS_MAX_PDU, ILLEGAL_WRITE_OR_READ_ONLY_PROPERTY, COMMAND_NOT_ALLOWED_ON_TERMINATION, DOES_NOT_EXIST}) {
            KNOWN.put(c.code, c);
        }
    }

    public ErrorCode {
        Checks.inRange(code, 0, 9999, "errorCode"); // Annex B: ErrorCode = 1*4(DIGIT)
        Checks.notNull(name, "name");
    }

    /** The known constant for {@code code}, or a new code named "Error nnn". */
    public static ErrorCode of(int code) {
        ErrorCode known = KNOWN.get(code);
        return known != null ? known : new ErrorCode(code, "Error " + code);
    }

    @Override
    public String toString() {
        return code + " " + name;
    }
}
