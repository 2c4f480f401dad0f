package com.cloudmusic.quota;

import com.cloudmusic.errors.DomainException;

/** The charge refused a generation: a BLOCK decision, carried as a value the handler logs as it is. */
public abstract class ChargeRefusedException extends DomainException {

    protected ChargeRefusedException(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public Decision decision() {
        return Decision.block(code());
    }
}
