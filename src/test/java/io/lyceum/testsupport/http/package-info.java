/**
 * The tests' HTTP client: requests to the application under test and checks of its answers, in RestAssured's fluent
 * shape ({@code given()...post(path).then().statusCode(201).body("id", notNullValue())}) on Apache HttpClient's classic
 * client ({@link Http#exchange}) and Jackson. RestAssured ran the same chains through dynamic Groovy and compiled a
 * Groovy script for every JSON path it evaluated; in profiles of the whole suite that was a fifth of the test JVMs' CPU
 * (BENCHMARKS.md, "Test suite time").
 * JSON paths keep RestAssured's meaning (GPath over maps and lists, with its number types), see {@link GPath}.
 */
package io.lyceum.testsupport.http;
