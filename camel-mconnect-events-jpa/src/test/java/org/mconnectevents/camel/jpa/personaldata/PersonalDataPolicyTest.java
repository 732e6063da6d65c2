package org.mconnectevents.camel.jpa.personaldata;

import java.util.Properties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A policy reads the same from the Java builder, from properties under a prefix and from one text; mistakes are
 * refused when the policy is made, each naming the type or key at fault.
 */
class PersonalDataPolicyTest {

    @Test
    void theBuilderPropertiesAndTextGiveTheSameRules() {
        PersonalDataPolicy built = PersonalDataPolicy.idno("1003600000002")
                .type("MS.eCMND.Person.Born").subject("$.ChildIDNP").subject("$.Parents[*].IDNP")
                    .legalBasis("Law 133/2011, art. 5").legalReason("$.EventReason").end()
                .type("MS.eCMND.Person.Died").subject("$.IDNP").legalBasis("Law 133/2011, art. 5").legalReason("Death registration").end()
                .build();
        Properties properties = new Properties();
        properties.setProperty("app.name", "not ours");
        properties.setProperty("personal-data.idno", "1003600000002");
        properties.setProperty("personal-data.MS.eCMND.Person.Born.subjects", "$.ChildIDNP, $.Parents[*].IDNP");
        properties.setProperty("personal-data.MS.eCMND.Person.Born.legalBasis", "Law 133/2011, art. 5");
        properties.setProperty("personal-data.MS.eCMND.Person.Born.legalReason", "$.EventReason");
        properties.setProperty("personal-data.MS.eCMND.Person.Died.subjects", "$.IDNP");
        properties.setProperty("personal-data.MS.eCMND.Person.Died.legalBasis", "Law 133/2011, art. 5");
        properties.setProperty("personal-data.MS.eCMND.Person.Died.legalReason", "Death registration");
        PersonalDataPolicy parsed = PersonalDataPolicy.parse("""
                idno = 1003600000002
                MS.eCMND.Person.Born.subjects = $.ChildIDNP, $.Parents[*].IDNP
                MS.eCMND.Person.Born.legalBasis = Law 133/2011, art. 5
                MS.eCMND.Person.Born.legalReason = $.EventReason
                MS.eCMND.Person.Died.subjects = $.IDNP
                MS.eCMND.Person.Died.legalBasis = Law 133/2011, art. 5
                MS.eCMND.Person.Died.legalReason = Death registration
                """);

        for (PersonalDataPolicy policy : new PersonalDataPolicy[] { PersonalDataPolicy.fromProperties(properties, "personal-data"), parsed }) {
            assertThat(policy.getIdno()).isEqualTo(built.getIdno());
            assertThat(policy.getRules()).hasSameSizeAs(built.getRules());
            assertThat(policy.getRules()).allSatisfy((type, rule) -> assertThat(rule.toString()).isEqualTo(built.rule(type).toString()));
        }
        assertThat(built.rule("MS.eCMND.Person.Born").getSubjects()).containsExactly("$.ChildIDNP", "$.Parents[*].IDNP");
        assertThat(built.rule("MS.Shop.Order.Created")).isNull();
    }

    @Test
    void commasInsideBracketsAndQuotesDoNotSplitPaths() {
        assertThat(PersonalDataPolicy.splitPaths("$['a','b'], $.c[?(@.k in ['x','y'])].idnp ,$.d"))
                .containsExactly("$['a','b']", "$.c[?(@.k in ['x','y'])].idnp", "$.d");
    }

    @Test
    void mistakesAreRefusedWhenThePolicyIsMadeNamingTheTypeOrKey() {
        assertThatThrownBy(() -> PersonalDataPolicy.idno(" ").build()).hasMessageContaining("needs the IDNO");
        assertThatThrownBy(() -> PersonalDataPolicy.idno("1").type("T").subject("$.a").legalReason("r").end())
                .hasMessage("The personal-data rule of T needs a legal basis.");
        assertThatThrownBy(() -> PersonalDataPolicy.idno("1").type("T").legalBasis("b").legalReason("r").end())
                .hasMessageContaining("The personal-data rule of T names no data subject path");
        assertThatThrownBy(() -> PersonalDataPolicy.idno("1").type("T").subject("IDNP").legalBasis("b").legalReason("r").end())
                .hasMessageContaining("has the subject 'IDNP', which is not a JSON path");
        assertThatThrownBy(() -> PersonalDataPolicy.idno("1").type("T").subject("$['a").legalBasis("b").legalReason("r").end())
                .hasMessageContaining("The personal-data rule of T has the JSON path '$['a', which does not compile");
        assertThatThrownBy(() -> PersonalDataPolicy.idno("1").type("T").subject("$.a").legalBasis("b").legalReason("r").end()
                .type("T").subject("$.b").legalBasis("b").legalReason("r").end().build())
                .hasMessageContaining("two rules for T");
        assertThatThrownBy(() -> PersonalDataPolicy.parse("idno = 1\nT.subject = $.a"))
                .hasMessageContaining("Unknown personal-data property T.subject");
    }
}
