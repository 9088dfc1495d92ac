package main

import "fmt"

func renderAPIGW(name, src string, request []byte) (string, error) {
	return "", fmt.Errorf("apigw mode is not available yet")
}
