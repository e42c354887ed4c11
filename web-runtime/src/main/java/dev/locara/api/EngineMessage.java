package dev.locara.api;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The small messages between the page and the engine worker, as plain JS objects (structured
 * clone copies them). Every message has a {@code type}; the other fields depend on it:
 * <ul>
 * <li>page to worker: {@code generate} {id, model, url, prompt, maxTokens, temperature, seed, and the
 *     sampling fields that {@link EngineMessages#withSampling} adds};
 *     {@code chat} {id, model, url, messages (JSON text), maxTokens, temperature, seed, and the sampling fields};
 *     {@code stop} {id}</li>
 * <li>worker to page: {@code ready} {adapter...}; {@code fatal} {code, message}; {@code token}
 *     {id, token, text, reasoning?}; {@code done} {id, finishReason, promptTokens, tokens, promptMs, decodeMs};
 *     {@code error} {id, code, message}</li>
 * <li>model storage: page {@code storage} {id, op, model}; worker {@code progress} {id, value} and
 *     then {@code reply} {id, value} or {@code error}</li>
 * <li>benchmark: page {@code benchmark} {id, model (null: the loaded one), url, promptTokens, decodeTokens};
 *     worker {@code progress} {id, value: {stage, step, steps, text}} and then {@code reply} {id, value} or
 *     {@code error}</li>
 * </ul>
 */
public interface EngineMessage extends JSObject {
    @JSProperty String getType();
    @JSProperty int getId();
    @JSProperty String getModel();
    @JSProperty String getUrl();
    @JSProperty String getPrompt();
    @JSProperty int getMaxTokens();
    @JSProperty double getTemperature();
    @JSProperty double getSeed();
    @JSProperty int getTopK();
    @JSProperty double getTopP();
    @JSProperty double getMinP();
    @JSProperty double getRepeatPenalty();
    @JSProperty int getPenaltyLastN();
    @JSProperty double getPresencePenalty();
    @JSProperty double getFrequencyPenalty();
    @JSProperty Int32Array getBiasTokens();
    @JSProperty Float32Array getBiasValues();
    @JSProperty int getToken();
    @JSProperty String getText();
    @JSProperty String getMessages();
    /** Reasoning text of a chat token; undefined on completions tokens. */
    @JSProperty String getReasoning();
    @JSProperty String getFinishReason();
    @JSProperty int getPromptTokens();
    /** Tokens a benchmark decodes. */
    @JSProperty int getDecodeTokens();
    @JSProperty Int32Array getTokens();
    @JSProperty double getPromptMs();
    @JSProperty double getDecodeMs();
    @JSProperty String getCode();
    @JSProperty String getMessage();
    @JSProperty String getVendor();
    @JSProperty String getArchitecture();
    @JSProperty String getDescription();
    @JSProperty boolean isFallback();
    @JSProperty String getOp();
    @JSProperty JSObject getValue();
    /** The File or Blob of an "import" storage message (structured-cloned, its bytes not copied). */
    @JSProperty JSObject getFile();

}
