package org.mconnectevents.emulator.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.config.Faults;

/** Faults as the JSON the admin API answers (the same keys as the configuration file's {@code faults}). */
final class FaultsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultsJson() {
    }

    static String write(Faults faults) {
        ObjectNode node = JSON.createObjectNode();
        node.put("produceFailRate", faults.produceFailRate());
        node.put("produceStoreThenFailRate", faults.produceStoreThenFailRate());
        node.put("closeSessionAfterMessages", faults.closeSessionAfterMessages());
        node.put("closeSessionRate", faults.closeSessionRate());
        node.put("dropConfirmRate", faults.dropConfirmRate());
        node.put("responseDelay", faults.responseDelay().toString());
        node.put("sessionStartDelay", faults.sessionStartDelay().toString());
        if (faults.instanceExpiry() != null) {
            node.put("instanceExpiry", faults.instanceExpiry().toString());
        }
        node.put("poisonRate", faults.poisonRate());
        faults.poisonKinds().forEach(kind -> node.withArray("poisonKinds").add(kind.configName()));
        return node.toString();
    }
}
