-- One database per service that keeps state, and Keycloak's (the same list as
-- local-stack's Stack.DATABASES).
create database case_service;
create database disaster_service;
create database notification_service;
create database identity_service;
create database keycloak;
