package bank.ushield.testsupport;

import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a freshly initialised SoftHSM2 token (known SO and user PINs), removed after the class.
 * Use with {@code @ExtendWith(SoftHsmExtension.class)} and a {@link SoftHsmToken} parameter.
 */
public final class SoftHsmExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SoftHsmExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        String label = (context.getRequiredTestClass().getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8));
        // CK_TOKEN_INFO.label is 32 bytes.
        label = label.length() > 32 ? label.substring(label.length() - 32) : label;
        context.getStore(NS).put("token", SoftHsm.initToken(label));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SoftHsmToken token = context.getStore(NS).remove("token", SoftHsmToken.class);
        if (token != null) {
            SoftHsm.deleteToken(token);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SoftHsmToken.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = extensionContext;
        while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().get();
        }
        SoftHsmToken token = classContext.getStore(NS).get("token", SoftHsmToken.class);
        if (token == null) {
            throw new IllegalStateException("SoftHsmExtension must be registered on the test class");
        }
        return token;
    }
}
