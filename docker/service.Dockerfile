# One image recipe for every module: docker compose passes MODULE (see docker-compose.yml).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN ./mvnw -B -q -DskipTests -pl ${MODULE} -am install \
 && mkdir /out \
 && if [ -d ${MODULE}/target/lib ]; then cp -r ${MODULE}/target/lib /out/lib; fi \
 && cp $(ls ${MODULE}/target/${MODULE}-*.jar | grep -v -e sources -e plain) /out/app.jar

FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /out/ /app/
USER 1000
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
